/* run.c: being written. */
