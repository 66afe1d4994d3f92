// expect magnitude: No
// expect safe_magnitude: Yes
// -x overflows for x = INT_MIN (-2147483648): its negation does not fit in int, so `magnitude` reaches undefined
// behaviour from that one input; `safe_magnitude` leaves it out.

int magnitude(int x) {
  if (x < 0) {
    x = -x;
  }
  return x;
}

int safe_magnitude(int x) {
  if (x < 0 && x != -2147483647 - 1) {
    x = -x;
  }
  return x;
}
