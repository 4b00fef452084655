/* explain_cmd.c: being written. */
