/* jsonl.c: being written. */
