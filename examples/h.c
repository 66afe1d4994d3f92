// expect h: DontKnow        (the true answer is unknowable)
// h asks about itself: if the oracle said Yes, h would loop forever; if No, h would return at once.
// No correct answer exists, so the only honest one is DontKnow.

void h(void) {
  if (terminates(h))
    while (1) {}
}
