using NUnit.Framework;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Pointers to structs: the struct is a record type whose records live on the heap (malloc of its size), a pointer is
/// a record's address (0 for null), and members are read and stored through it. The interpreter runs the records
/// exactly; what is outside the subset is refused with its position.
/// </summary>
[TestFixture]
public sealed class RecordTests
{
    private static readonly string[] NodeFields = ["value:int", "next:node"];

    private static readonly string[] GlobalPointers = ["head=0", "spare=0"];

    private static readonly string[] ItemFields = ["key:int", "next:item"];

    private static readonly string[] OnlyF = ["f"];

    private const string Node = "void *malloc(unsigned long size);\nstruct node { int value; struct node *next; };\n";

    private static ProgramIr Parse(string text) => CFrontend.Parse(text, "t.c", usePreprocessor: false);

    private static string Body(string text)
    {
        var program = Parse(Node + text);
        Assert.That(program.RefusedFunctions, Is.Empty, "no refusal");
        return IrText.Of(program.Find("f")!.Body);
    }

    private static RunOutcome Run(string text, params int[] inputs)
    {
        var program = Parse(Node + text);
        Assert.That(program.RefusedFunctions, Is.Empty, "no refusal");
        return Interpreter.Run(program, "f", [.. inputs.Select(i => (System.Numerics.BigInteger)i)], [], new InterpreterOptions()).Outcome;
    }

    [Test]
    public void AStructThatAPointerPointsToIsARecordTypeWithItsFields()
    {
        var program = Parse(Node + "int f(void) { struct node *p = malloc(sizeof(struct node)); p->next = 0; return 0; }");
        Assert.That(program.Records, Has.Length.EqualTo(1));
        Assert.That(program.Records[0].Name, Is.EqualTo("node"));
        Assert.That(program.Records[0].Fields.Select(f => $"{f.Name}:{f.PointsTo ?? f.Type.ToString()}"), Is.EqualTo(NodeFields));
    }

    [Test]
    public void MallocOfTheStructsSizeIsANewRecordAndMembersAreReadAndStoredThroughThePointer()
    {
        Assert.That(
            Body("int f(int n) { struct node *p = malloc(sizeof(struct node)); p->value = n; p->next = p; p->value += 1; return p->next->value; }"),
            Is.EqualTo("{ (decl z p (new node)) (= (-> p value) n) (= (-> p next) (record node p)) (= (-> p value) (+ (-> p value) 1)) (return (-> (-> p next) value)) }"));
    }

    [Test]
    public void PointersToStructsAreComparedTestedPassedAndReturned()
    {
        Assert.That(
            Body("typedef struct node node_t;\nnode_t *g(node_t *q) { return q; }\nint f(void) { node_t *p = 0; if (!p && p == (void *)0) p = g(p); while (p) p = p->next; return 1; }"),
            Is.EqualTo("{ (decl z p 0) (if (&& (== (record node p) 0) (== (record node p) 0)) (= p (call g (record node p)))) (while (!= (record node p) 0) (= p (-> p next))) (return 1) }"));
    }

    [Test]
    public void TheInterpreterRunsRecordsExactly()
    {
        Assert.That(
            Run("int f(int n) { struct node *a = malloc(sizeof(struct node)); struct node *b = malloc(sizeof *a); a->value = n; a->next = b; b->value = 2 * n; b->next = 0; int sum = 0; for (struct node *p = a; p; p = p->next) sum += p->value; return sum; }", 7),
            Is.EqualTo(new Returned(21)));
    }

    [TestCase("int f(void) { struct node *p = 0; return p->value; }", "null pointer dereferenced")]
    [TestCase("int f(void) { struct node *p; return p == 0; }", "use of an indeterminate pointer (one never stored, or to no record)")]
    [TestCase("int f(void) { struct node *p = malloc(sizeof(struct node)); return p->next == 0; }", "read of the pointer field 'next' of a record before any store into it")]
    public void InvalidAccessesAreUndefinedBehaviour(string text, string what)
    {
        Assert.That(Run(text), Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo(what));
    }

    [TestCase("int f(void) { struct node *p = malloc(sizeof(struct node)); free(p); free(p); return 0; }", "double free of a record")]
    [TestCase("int f(void) { struct node *p = malloc(sizeof(struct node)); free(p); return p->value; }", "use of a record after free")]
    [TestCase("int f(void) { struct node *p = malloc(sizeof(struct node)); free(p); return p != 0; }", "use of a pointer to a freed record")]
    [TestCase("int f(void) { struct node *p; free(p); return 0; }", "free of an indeterminate pointer (one never stored, or to no record)")]
    public void FreedRecordsAreNotUsedAgain(string text, string what)
    {
        Assert.That(Run(text), Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(UndefinedBehaviour.What)).EqualTo(what));
    }

    [Test]
    public void CallocGivesZerosAndNullPointersAndFreeOfNullDoesNothing()
    {
        Assert.That(
            Run("void *calloc(unsigned long n, unsigned long size);\nint f(void) { struct node *p = calloc(1, sizeof(struct node)); struct node *q = p->next; free(q); free(p); return p == p ? 0 : 1; }"),
            Is.TypeOf<UndefinedBehaviour>(), "comparing a freed pointer");
        Assert.That(
            Run("void *calloc(unsigned long n, unsigned long size);\nint f(void) { struct node *p = calloc(sizeof(struct node), 1); struct node *q = p->next; free(q); return p->value + (q == 0); }"),
            Is.EqualTo(new Returned(1)));
    }

    [Test]
    public void CallsNestedInTheArgumentsOfACallThatChangesRecordsAreInOrder()
    {
        Assert.That(
            Body("struct node *push(struct node *h, int v) { struct node *c = malloc(sizeof(struct node)); c->value = v; c->next = h; return c; }\n"
                + "int f(int n) { struct node *l = push(push(0, n), n + 1); return l->next->value; }"),
            Is.EqualTo("{ (decl z l (call push (call push 0 n) (+ n 1))) (return (-> (-> l next) value)) }"));
    }

    [Test]
    public void AGlobalPointerToAStructStartsNullAndAnInitializerSeesTheVariableItDeclares()
    {
        var program = Parse(Node + "struct node *head = 0;\nstatic struct node *spare;\nvoid f(int v) { struct node *c = malloc(sizeof *c); c->value = v; c->next = head; head = c; }");
        Assert.That(program.RefusedFunctions, Is.Empty, "no refusal");
        Assert.That(program.Globals.Select(g => $"{g.Name}={IrText.Of(g.Initializer!)}"), Is.EqualTo(GlobalPointers));
        Assert.That(IrText.Of(program.Find("f")!.Body), Is.EqualTo("{ (decl z c (new node)) (= (-> c value) v) (= (-> c next) (record node head)) (= head (record node c)) }"));
    }

    [Test]
    public void ATypedefOfAPointerToAStructMayComeBeforeTheStructAndNamesItsPointers()
    {
        var program = Parse("void *malloc(unsigned long size);\ntypedef struct item *link;\nstruct item { int key; link next; };\n"
            + "link g(link x) { return x; }\nint f(int k) { link t = (link) malloc(sizeof *t); t->key = k; t->next = 0; t = g(t); return t->key; }");
        Assert.That(program.RefusedFunctions, Is.Empty, "no refusal");
        Assert.That(program.Records.Single().Fields.Select(f => $"{f.Name}:{f.PointsTo ?? f.Type.ToString()}"), Is.EqualTo(ItemFields));
        Assert.That(IrText.Of(program.Find("f")!.Body), Is.EqualTo("{ (decl z t (new item)) (= (-> t key) k) (= (-> t next) 0) (= t (call g (record item t))) (return (-> t key)) }"));
    }

    [Test]
    public void AReadOfWhatACallThatChangesRecordsReturnsComesAfterTheCall()
    {
        Assert.That(
            Body("struct node *make(int v) { struct node *c = malloc(sizeof(struct node)); c->value = v; c->next = 0; return c; }\n"
                + "int length(struct node *p) { int n = 0; while (p && n < 100) { n++; p = p->next; } return n; }\n"
                + "int f(int v) { int n = length(make(v)); return n + make(v)->value; }"),
            Is.EqualTo("{ (decl int n (call length (call make v))) (return (+ n (-> (call make v) value))) }"),
            "each read holds its call");
        var program = Parse(Node + "struct node *make(int v) { struct node *c = malloc(sizeof(struct node)); c->value = v; c->next = 0; return c; }\n"
            + "int f(struct node *p) { return p->value + make(1)->value; }");
        Assert.That(program.RefusedFunctions.Select(r => r.Name), Is.EqualTo(OnlyF), "a read beside the call, outside it, stays refused");
    }

    [Test]
    public void AnIntegerFieldNeverStoredHoldsADrawnValue()
    {
        var program = Parse(Node + "int f(void) { struct node *p = malloc(sizeof(struct node)); int a = p->value; return a - p->value + a; }");
        Assert.That(Interpreter.Run(program, "f", [], [42], new InterpreterOptions()).Outcome, Is.EqualTo(new Returned(42)));
    }

    [Test]
    public void AWatchedLoopOfACalledFunctionRepeatsWithTheRecordsInItsState()
    {
        var program = Parse(Node + "void walk(struct node *p) { while (p) p = p->next; }\n"
            + "void f(int close) { struct node *a = malloc(sizeof(struct node)); a->next = 0; struct node *b = malloc(sizeof(struct node)); b->next = a; if (close) a->next = b; walk(b); }");
        var loop = program.Find("walk")!.Body.Statements.OfType<LoopStmt>().Single().Span;
        var options = new InterpreterOptions { LoopWatch = loop };
        Assert.That(Interpreter.Run(program, "f", [1], [], options).Outcome, Is.EqualTo(new Lasso(0, 2)), "a ring of two records");
        Assert.That(Interpreter.Run(program, "f", [0], [], options).Outcome, Is.EqualTo(new Returned(null)), "a list of two records");
    }

    [TestCase("void *calloc(unsigned long n, unsigned long size);\nint f(void) { struct node *p = calloc(2, sizeof(struct node)); return 0; }", "t.c:4:32: unsupported: calloc of more than one struct (an array of structs)")]
    [TestCase("int f(void) { struct node *p = malloc(sizeof(struct node)); return p + 1 != 0; }", "t.c:3:68: unsupported: pointer to a struct used as an integer (operator '+')")]
    [TestCase("int f(void) { struct node *p = malloc(sizeof(struct node)); int x = p; return x; }", "t.c:3:69: unsupported: pointer 'p' to a struct used as an integer")]
    [TestCase("int f(void) { struct node *p = malloc(sizeof(int)); return 0; }", "t.c:3:32: unsupported: malloc of another size than that of struct 'node' for a pointer to it")]
    [TestCase("void *alloca(unsigned long size);\nint f(void) { struct node *p = alloca(sizeof(struct node)); return 0; }", "t.c:4:32: unsupported: alloca of a struct 'node' (records live on the heap)")]
    [TestCase("struct node first;\nstruct node *head = &first;\nint f(void) { return head != 0; }", "t.c:5:22: unsupported: 'head', whose declaration at t.c:4:21 is outside the subset (a global pointer to struct 'node' initialized to something other than null)")]
    [TestCase("int f(void) { struct node n; return 0; }", "t.c:3:27: unsupported: struct variable 'n' with the pointer member 'next' (a struct with pointers lives on the heap)")]
    [TestCase("int f(void) { struct node *p = malloc(sizeof(struct node)); p->next = malloc(sizeof(struct node)); p->next->value = 1; return p->next < p; }", "t.c:3:127: unsupported: pointer to a struct used as an integer (operator '<')")]
    [TestCase("int g(struct node *q) { q->value = 1; return 1; }\nint f(void) { struct node *p = malloc(sizeof(struct node)); p->value = 0; return p->value + g(p); }", "t.c:4:82: unsupported: accesses to records next to a store into one or a call that changes them (C leaves their order open)")]
    public void OtherUsesAreRefused(string text, string expected)
    {
        var program = Parse(Node + text);
        Assert.That(program.RefusedFunctions.Select(r => $"{r.At}: {r.Reason}"), Has.Member(expected));
    }
}
