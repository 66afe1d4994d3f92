// expect steps: Yes
// expect stuck_at_five: No
// expect countdown_with_goto: Yes
// expect wait_forever: No
// expect meet_in_the_middle: Yes
// `switch` with fall-through (case 0 runs into case 1), `default`, `break` out of the switch and `continue` of the
// enclosing loop; `stuck_at_five` breaks out of the switch without changing x = 5, forever. Labels and goto: a goto
// back to a label is a loop like any other (ranked, or a No with its replayed input). The comma operator sequences
// its operands: `i++, j--` moves both ends of the range toward each other.

int steps(int x) {
  int n = 0;
  while (x > 0) {
    switch (x % 3) {
    case 0:
      x = x - 1;
    case 1:
      x = x - 1;
      break;
    default:
      x = x - 2;
      continue;
    }
    n = 1;
  }
  return n;
}

int stuck_at_five(int x) {
  while (x > 0) {
    switch (x) {
    case 5:
      break;
    default:
      x--;
    }
  }
  return 0;
}

int countdown_with_goto(int x) {
loop:
  if (x <= 0) {
    goto done;
  }
  x--;
  goto loop;
done:
  return x;
}

int wait_forever(int x) {
again:
  if (x > 10) {
    return 0;
  }
  goto again;
}

int meet_in_the_middle(int n) {
  int i;
  int j;
  int meetings = 0;
  for (i = 0, j = n; i < j; i++, j--) {
    meetings = (meetings, 1);
  }
  return meetings;
}
