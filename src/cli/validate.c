/* validate.c: being written. */
