// expect clear: No
// truth clear: No
// expect buffer_fill: Yes
// truth buffer_fill: Yes
// expect buffer_overrun: No
// truth buffer_overrun: No
// expect points_walk: Yes
// truth points_walk: Yes
// expect find_past: No
// truth find_past: No
// expect corner_count: Yes
// truth corner_count: Yes
// expect point_address: DontKnow  (unsupported: array of structs 'pts' used other than through the members of its elements (pts[i].m): passed, its address or an element's taken, or an element used as a whole)
// truth point_address: Yes
// Structs with array members and arrays of structs. An array member of a local struct is a local array of its own,
// named 'b.data' in answers; a local array of structs is one array per member, named 'pts.x', whose element i is
// 'pts[i].x'; at file scope they are arrays at file scope (corners.x). buffer_overrun writes b.data[8] of an array of
// 8; find_past searches for a value no element holds and reads pts.x[4] of an array of 4. Taking the address of a
// member of an element is refused, so point_address is not answered. Alone, clear may be given the null pointer with
// n = 1 (No); it terminates whenever no undefined behaviour occurs.

struct buffer {
  int data[8];
  int length;
};

struct point {
  int x;
  int y;
};

void clear(int *p, int n) {
  for (int i = 0; i < n; i++) {
    p[i] = 0;
  }
}

int buffer_fill(int n) {
  struct buffer b = {{0}, 8};
  clear(b.data, b.length);
  int *end = b.data + b.length;
  for (int *p = b.data; p != end; p++) {
    *p = n;
  }
  while (b.length > 0) {
    b.length--;
    b.data[b.length] = b.length;
  }
  return b.data[0];
}

int buffer_overrun(void) {
  struct buffer b = {{0}, 0};
  for (int i = 0; i <= 8; i++) {
    b.data[i] = i;
  }
  return b.data[0];
}

int points_walk(int n) {
  struct point pts[6];
  for (int i = 0; i < 6; i++) {
    pts[i].x = i;
    pts[i].y = n;
  }
  int i = 0;
  while (i < 6 && pts[i].x != n) {
    i++;
  }
  return i;
}

int find_past(void) {
  struct point pts[] = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
  int i = 0;
  while (pts[i].x != 9) {
    i++;
  }
  return i;
}

struct point corners[4] = {{0, 0}, {0, 5}, {5, 5}, {5, 0}};

int corner_count(void) {
  int count = 0;
  for (int i = 0; i < 4; i++) {
    if (corners[i].x == 5 && corners[i].y == 5) {
      count++;
    }
  }
  return count;
}

int point_address(void) {
  struct point pts[2] = {{1, 2}, {3, 4}};
  int *p = &pts[1].x;
  return *p;
}
