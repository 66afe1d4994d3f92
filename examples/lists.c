// expect build_and_walk: Yes
// truth build_and_walk: Yes
// expect push: DontKnow  (unsupported: pointer parameter 'head' of an analyzed function (the records it reaches are known only where it is called))
// truth push: Yes
// expect chain: Yes
// truth chain: Yes
// expect build_recursively: Yes
// truth build_recursively: Yes
// expect walk_a_cycle: No
// truth walk_a_cycle: No
// expect maybe_cyclic: No
// truth maybe_cyclic: No
// expect walk: DontKnow  (unsupported: pointer parameter 'p' of an analyzed function (the records it reaches are known only where it is called))
// truth walk: Yes
// expect next_of_null: No
// truth next_of_null: No
// expect next_never_stored: No
// truth next_never_stored: No
// expect zeroed_by_calloc: Yes
// truth zeroed_by_calloc: Yes
// expect freed_twice: No
// truth freed_twice: No
// expect used_after_free: No
// truth used_after_free: No
// Linked lists: structs that pointers point to live on the heap, one malloc(sizeof(struct node)) at a time. A list
// built by pushing nodes in front is acyclic, so walking it ends; a list whose last node points back to its first is
// walked forever (a state repeats), and so is one that an input may close into a ring.
// Following 'next' of a null pointer, or a 'next' that no store ever set, is undefined behaviour. calloc gives a
// record of zeros and null pointers; free ends a record's life, so a second free or a later access is undefined.

void *malloc(unsigned long size);
void *calloc(unsigned long count, unsigned long size);
void free(void *pointer);

struct node {
    int value;
    struct node *next;
};

typedef struct node node_t;

node_t *push(node_t *head, int value)
{
    node_t *cell = malloc(sizeof(node_t));
    cell->value = value;
    cell->next = head;
    return cell;
}

void walk(node_t *p)
{
    while (p != 0)
        p = p->next;
}

void build_and_walk(int n)
{
    node_t *list = 0;
    for (int i = 0; i < n; i++)
        list = push(list, i);
    walk(list);
}

node_t *chain(int n)
{
    if (n <= 0)
        return 0;
    node_t *cell = malloc(sizeof(struct node));
    cell->value = n;
    cell->next = chain(n - 1);
    return cell;
}

void build_recursively(int n)
{
    if (n > 100)
        return;
    node_t *list = chain(n);
    if (list != 0)
        list->value = 0;
}

void walk_a_cycle(void)
{
    node_t *first = malloc(sizeof(node_t));
    first->next = 0;
    node_t *second = push(first, 2);
    first->next = second;
    node_t *p = first;
    while (p)
        p = p->next;
}

void maybe_cyclic(int close)
{
    node_t *first = push(0, 0);
    node_t *last = push(0, 1);
    first->next = last;
    if (close)
        last->next = first;
    walk(first);
}

int next_of_null(int n)
{
    node_t *list = push(0, n);
    return list->next->value;
}

int next_never_stored(int n)
{
    node_t *cell = malloc(sizeof(node_t));
    cell->value = n;
    node_t *next = cell->next;
    return next == 0;
}

int zeroed_by_calloc(void)
{
    node_t *cell = calloc(1, sizeof(node_t));
    return cell->next == 0;
}

void freed_twice(int n)
{
    node_t *list = push(push(0, n), n + 1);
    node_t *second = list->next;
    free(list);
    free(second);
    free(list);
}

int used_after_free(int n)
{
    node_t *list = push(0, n);
    free(list);
    return list->value;
}
