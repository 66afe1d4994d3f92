// expect range_walk: Yes
// truth range_walk: Yes
// expect countdown_pair: Yes
// truth countdown_pair: Yes
// expect copied_range: Yes
// truth copied_range: Yes
// expect member_overflow: No
// truth member_overflow: No
// expect with_bitfield: DontKnow  (unsupported: a struct with a bit-field)
// truth with_bitfield: Yes
// Structs whose members are integers: a local struct variable is one variable per member, named 's.m' in answers,
// so loops over members are ranked like loops over variables. A brace list sets the members in order and the rest to
// 0; assignment copies every member. Incrementing a member that holds INT_MAX overflows (No). A struct with a
// bit-field is outside the subset, so the function that uses it is not answered.

int __VERIFIER_nondet_int(void);

struct range {
  int lo;
  int hi;
};

typedef struct {
  unsigned count;
  int step;
} counter_t;

struct flags {
  int on : 1;
};

int range_walk(int n) {
  struct range r;
  r.lo = 0;
  r.hi = n;
  while (r.lo < r.hi) {
    r.lo++;
    r.hi--;
  }
  return r.lo;
}

int countdown_pair(void) {
  counter_t c = {__VERIFIER_nondet_int(), 1};
  while (c.count > 0)
    c.count = c.count - c.step;
  return c.step;
}

int copied_range(int n) {
  struct range a = {0, n}, b;
  b = a;
  while (b.lo < b.hi)
    b.hi--;
  return b.hi;
}

int member_overflow(void) {
  struct range r = {2147483647};
  r.lo++;
  return r.lo;
}

int with_bitfield(void) {
  struct flags f;
  f.on = 0;
  return f.on;
}
