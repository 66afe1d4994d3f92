// expect clear_row: Yes
// expect clear: DontKnow  (pointer parameter 'p' of an analyzed function)
// truth clear: unknown
// expect clear_from: Yes
// expect clear_all: Yes
// expect past_member: No
// expect name_length: Yes
// expect walk_on: No
// Pointers into an array member of an element of an array of structs. rows[i].v (or &rows[i].v[k]) is a pointer
// into the member of that element: clear_row walks it with a pointer up to its end (Yes), clear_from passes it to
// a function that walks n elements from it (Yes), and clear_all calls that function for every row (Yes).
// past_member walks one element further: that element lies inside the array of structs (the next row's 'n'), but C
// bounds the pointer by the member rows[0].v, so the store through it is undefined behaviour (No).
// clear alone is DontKnow: the object its parameter points into is known only where it is called.
// name_length counts the characters of a name held in an array member of characters, within the member (Yes); walk_on runs a
// pointer from the first row's member into the second's, which C does not allow either (No).

struct row { int n; int v[4]; };

struct row rows[3];

struct person { int age; char name[8]; };

struct person people[2] = {{30, "ada"}, {40, "grace"}};

int clear_row(int i) {
  if (i < 0 || i > 2) return 0;
  for (int *q = rows[i].v; q < rows[i].v + 4; q++) *q = 0;
  return 1;
}

void clear(int *p, int n) {
  for (int *q = p; q < p + n; q++) *q = 0;
}

int clear_from(int i) {
  if (i < 0 || i > 2) return 0;
  clear(&rows[i].v[1], 3);
  return 1;
}

int clear_all(void) {
  for (int i = 0; i < 3; i++) clear(rows[i].v, 4);
  return 0;
}

int past_member(void) {
  int k = 0;
  for (int *q = rows[0].v; q <= rows[0].v + 4; q++) { *q = 0; k++; }
  return k;
}

unsigned name_length(int i) {
  if (i < 0 || i > 1) return 0;
  unsigned n = 0;
  for (char *s = people[i].name; s < people[i].name + 8 && *s != 0; s++) n++;
  return n;
}

int walk_on(void) {
  int k = 0;
  for (int *q = rows[0].v; q != rows[1].v; q++) k++;
  return k;
}
