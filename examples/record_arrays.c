// expect heap_fill: Yes
// expect heap_count: DontKnow  (could not rule out undefined behaviour (signed overflow in addition))
// truth heap_count: Yes
// expect heap_overrun: No
// expect heap_after_free: No
// expect rows_total: DontKnow  (could not rule out undefined behaviour)
// truth rows_total: Yes
// expect rows_past: No
// Structs with array members on the heap and in arrays of structs. p->data[i] is an element of the array member of
// a record: heap_fill fills it within its 8 elements (Yes); heap_overrun writes data[8], undefined even though the
// member 'len' follows it in the struct (No); heap_after_free reads an element after free (No). heap_count also counts
// in p->len, and the analysis gives every member read any value, so it cannot rule out the overflow of p->len++
// (DontKnow, though it terminates). An array of structs with an array member is one array per member (rows.v holds
// rows[r].v[k] at r * 4 + k), initialized by C's rules on braces; rows_past reads rows[0].v[4], inside the object
// but past the member (No).
#include <stdlib.h>

struct buf { int data[8]; int len; };

int heap_fill(int n) {
  struct buf *p = malloc(sizeof(struct buf));
  int i = 0;
  while (i < n && i < 8) { p->data[i] = n - i; i++; }
  p->len = i;
  free(p);
  return i;
}

int heap_count(int n) {
  struct buf *p = malloc(sizeof(struct buf));
  if (!p) return 0;
  p->len = 0;
  for (int i = 0; i < n && i < 8; i++) { p->data[i] = i; p->len++; }
  int l = p->len;
  free(p);
  return l;
}

int heap_overrun(int n) {
  struct buf *p = malloc(sizeof(struct buf));
  for (int i = 0; i <= n && i <= 8; i++) p->data[i] = i;
  free(p);
  return 0;
}

int heap_after_free(int n) {
  struct buf *p = calloc(1, sizeof(struct buf));
  p->data[2] = n;
  free(p);
  return p->data[2];
}

struct row { int n; int v[4]; };

int rows_total(void) {
  struct row rows[2] = {{2, {1, 2}}, {1, {3}}};
  int s = 0;
  for (int r = 0; r < 2; r++) for (int k = 0; k < rows[r].n; k++) s += rows[r].v[k];
  return s;
}

int rows_past(void) {
  struct row rows[2] = {{4, {1, 2, 3, 4}}, {0}};
  int s = 0;
  for (int k = 0; k <= rows[0].n; k++) s += rows[0].v[k] > 0;
  return s;
}
