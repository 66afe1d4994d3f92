// expect fill_in_bounds: Yes
// truth fill_in_bounds: Yes
// expect fill_past_bounds: No
// truth fill_past_bounds: No
// expect strlen_terminated: Yes
// truth strlen_terminated: Yes
// expect strlen_unterminated: No
// truth strlen_unterminated: No
// expect list_build_and_traverse: DontKnow  (not ruled out: the signed overflow of length++, which needs length + p <= records(node))
// truth list_build_and_traverse: Yes
// expect malloc_nondet_size: Yes
// truth malloc_nondet_size: Yes
// expect struct_fields: Yes
// truth struct_fields: Yes
// expect contents_decide: Yes
// truth contents_decide: Yes
// Memory programs, with each function's true verdict: arrays filled within and one past their bounds
// (writing a[10] of int a[10] is undefined behaviour), a strlen over a buffer with and without its terminating 0 (the
// second reads past the end), a linked list built with malloc (checked for NULL) and traversed, an array whose size
// is a nondeterministic input, struct fields, and a loop that ends because of what memory holds: a model that forgot
// the contents would see `a[0] != 0` hold forever, so only a Yes (or DontKnow) is right for it, never a No. The
// element that a write outside every loop stores into is tracked (`buf[7] = 0`, `a[0] = 0`), which proves the
// terminated strlen and the last loop.

void *malloc(unsigned long size);
void free(void *pointer);
int __VERIFIER_nondet_int(void);

int fill_in_bounds(void) {
  int a[10];
  for (int i = 0; i < 10; i++)
    a[i] = i;
  return a[9];
}

int fill_past_bounds(void) {
  int a[10];
  for (int i = 0; i <= 10; i++)
    a[i] = 0;
  return 0;
}

int strlen_terminated(void) {
  char buf[8];
  for (int i = 0; i < 7; i++)
    buf[i] = 1;
  buf[7] = 0;
  int n = 0;
  while (buf[n] != 0)
    n++;
  return n;
}

int strlen_unterminated(void) {
  char buf[8];
  for (int i = 0; i < 8; i++)
    buf[i] = 1;
  int n = 0;
  while (buf[n] != 0)
    n++;
  return n;
}

struct node {
  struct node *next;
};

int list_build_and_traverse(int n) {
  struct node *head = 0;
  for (int i = 0; i < n; i++) {
    struct node *fresh = malloc(sizeof(struct node));
    if (!fresh)
      break;
    fresh->next = head;
    head = fresh;
  }
  int length = 0;
  for (struct node *p = head; p; p = p->next)
    length++;
  return length;
}

int malloc_nondet_size(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1 || n > 1000)
    return 0;
  int *a = malloc(n * sizeof(int));
  if (!a)
    return 0;
  for (int i = 0; i < n; i++)
    a[i] = i;
  free(a);
  return n;
}

struct range {
  int lo;
  int hi;
};

int struct_fields(int n) {
  struct range r;
  r.lo = 0;
  r.hi = n;
  while (r.lo < r.hi)
    r.lo++;
  return r.lo;
}

int contents_decide(void) {
  int a[1];
  a[0] = 0;
  while (a[0] != 0) {
  }
  return 0;
}
