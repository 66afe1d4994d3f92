using NUnit.Framework;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Frontend;

/// <summary>
/// Structs and arrays together: an array member of a local struct variable is a local array of its own (<c>b.data</c>),
/// and a local array of structs with integer members is one array per member (<c>pts.x</c>, whose element i is
/// <c>pts[i].x</c>). Their bounds are checked as any local array's.
/// </summary>
[TestFixture]
public sealed class StructArrayTests
{
    private const string Buf = "struct buf { int data[4]; int len; };\n";

    private const string Point = "struct point { int x; int y; };\n";

    private static string Body(string text) => IrText.Of(CProgram.Accepted(text).Find("f")!.Body);

    private static RunOutcome Run(string text, params int[] inputs) => CProgram.Run(CProgram.Accepted(text), "f", inputs);

    private static string RefusalOf(string text)
    {
        var program = CFrontend.Parse(text, "t.c", usePreprocessor: false);
        var refused = program.RefusedFunctions.Single(r => r.Name == "f");
        return $"{refused.At}: {refused.Reason}";
    }

    private static global::NUnit.Framework.Constraints.EqualStringConstraint UndefinedBehaviour(string what) =>
        Is.TypeOf<UndefinedBehaviour>().And.Property(nameof(Core.Interpretation.UndefinedBehaviour.What)).EqualTo(what);

    [TestCase(
        Buf + "int f(int n) { struct buf b = {{1, n}, 2}; b.data[2] = b.len; return b.data[1]; }",
        "{ (array int b.data 4u) (= b.data [0u] 1) (= b.data [1u] n) (decl int b.len 2) (= b.data [2] b.len) (return (b.data [1])) }")]
    [TestCase(
        Point + "int f(int n) { struct point pts[3] = {{1, n}, 2}; pts[n].y += pts[1].x; return pts[2].y; }",
        "{ (array int pts.x 3u) (array int pts.y 3u) (= pts.x [0u] 1) (= pts.y [0u] n) (= pts.x [1u] 2) (= pts.y [n] (+ (pts.y [n]) (pts.x [1]))) (return (pts.y [2])) }")]
    public void AnArrayMemberOrAMemberOfAnArrayOfStructsIsAnArrayOfItsOwn(string text, string ir)
    {
        Assert.That(Body(text), Is.EqualTo(ir));
    }

    [Test]
    public void AnArrayMemberIsReachedThroughPointersAndCalls()
    {
        const string text = Buf + """
            void fill(int *p, int n, int v) { for (int i = 0; i < n; i++) p[i] = v + i; }
            int f(void) {
              struct buf b = {{0}, 4};
              fill(b.data, b.len, 10);
              int *q = &b.data[1];
              int s = 0;
              while (q != b.data + b.len) { s += *q; q++; }
              return s * 100 + *b.data;
            }
            """;
        Assert.That(Run(text), Is.EqualTo(new Returned((11 + 12 + 13) * 100 + 10)));
    }

    [Test]
    public void BracesMayBeElidedAndACharacterArrayTakesAString()
    {
        Assert.That(Run(Buf + "int f(void) { struct buf b = {1, 2, 3}; return b.data[0] * 1000 + b.data[2] * 100 + b.data[3] * 10 + b.len; }"), Is.EqualTo(new Returned(1300)));
        Assert.That(Run(Buf + "int f(void) { struct buf b = {1, 2, 3, 4, 5}; return b.data[3] * 10 + b.len; }"), Is.EqualTo(new Returned(45)));
        Assert.That(
            Run("struct name { char s[4]; int n; };\nint f(void) { struct name a = {\"ab\", 7}, b = {\"abcd\"}; return a.s[1] + a.s[2] + a.n + b.s[3] + b.n; }"),
            Is.EqualTo(new Returned('b' + 0 + 7 + 'd' + 0)));
    }

    [Test]
    public void TheInterpreterRunsArraysOfStructs()
    {
        const string text = Point + """
            int f(void) {
              struct point pts[] = {{1, 2}, {3, 4}, 5};
              for (int i = 0; i < 3; i++) { pts[i].y++; pts[i].x = pts[i].x * pts[i].y; }
              return pts[0].x * 10000 + pts[1].x * 100 + pts[2].x + pts[2].y * 1000;
            }
            """;
        Assert.That(Run(text), Is.EqualTo(new Returned(3 * 10000 + 15 * 100 + 5 + 1000)));
    }

    [TestCase(Buf + "int f(int n) { struct buf b = {{0}}; for (int i = 0; i <= 4; i++) b.data[i] = 0; return b.len; }", "out-of-bounds write of 'b.data[4]' (its length is 4)")]
    [TestCase(Point + "int f(int n) { struct point pts[10] = {{1, 2}, {3, 4}}; int i = 0; while (pts[i].x < 100) { pts[i].y += 1; i++; } return i; }", "out-of-bounds read of 'pts.x[10]' (its length is 10)")]
    public void AnIndexOutsideIsUndefinedBehaviourThatTheAnalysisReaches(string text, string what)
    {
        Assert.That(Run(text, 0), UndefinedBehaviour(what));
        Assert.That(CProgram.Analyze(CProgram.Accepted(text), "f").Verdict, Proved.DoesNotTerminate);
    }

    [TestCase(Buf + "int f(int n) { struct buf b = {{0}, 4}; int i = 0; while (i < b.len) { b.data[i] = n; i++; } return b.data[0]; }")]
    [TestCase(Point + "int f(int n) { struct point pts[8]; for (int i = 0; i < 8; i++) { pts[i].x = i; pts[i].y = n; } return pts[3].x; }")]
    public void LoopsOverThemAreProved(string text)
    {
        Assert.That(CProgram.Analyze(CProgram.Accepted(text), "f").Verdict, Proved.Terminates);
    }

    private static readonly string[] GlobalValues = ["gb.len=2", "origin.x=0", "origin.y=7"];

    private const string Globals = Point + Buf + "struct point pts[4] = {{1, 2}, {3, 4}};\nstatic struct buf gb = {{5, 6}, 2};\nstruct point origin = {0, 7};\n";

    [Test]
    public void AtFileScopeTheyAreGlobalsAndGlobalArrays()
    {
        var program = CProgram.Accepted(Globals + "int f(void) { struct point pts[2] = {{8, 9}}; return pts[0].x; }");
        Assert.That(program.GlobalArrays.Select(a => (a.Name, IrText.Of(a.Length), string.Join(",", a.Contents))), Is.EqualTo(new[] { ("pts.x", "4u", "1,3"), ("pts.y", "4u", "2,4"), ("gb.data", "4u", "5,6") }));
        Assert.That(program.GlobalArrays.All(a => a.Zeroed), Is.True);
        Assert.That(program.Globals.Select(g => $"{g.Name}={(g.Initializer is null ? "0" : IrText.Of(g.Initializer))}"), Is.EqualTo(GlobalValues));
        // A local of the same name has objects of its own.
        Assert.That(IrText.Of(program.Find("f")!.Body), Does.StartWith("{ (array int pts#2.x 2u) (array int pts#2.y 2u)"));
    }

    [Test]
    public void BracesInsideAnElementHoldItsNextMemberAsCSays()
    {
        // gcc prints 1 2 0 0 for this initializer: '{2}' is the first element's y, not the second element.
        Assert.That(Run(Point + "int f(void) { struct point a[2] = {1, {2}}; return a[0].x * 1000 + a[0].y * 100 + a[1].x * 10 + a[1].y; }"),
            Is.EqualTo(new Returned(1200)));
        Assert.That(RefusalOf(Point + "int f(void) { struct point a[2] = {1, {2, 3}}; return a[0].y; }"), Does.Contain("initializer of array 'a'"));
    }

    [Test]
    public void FunctionsReachTheObjectsAtFileScope()
    {
        const string text = Globals + """
            void bump(void) { for (int i = 0; i < gb.len; i++) gb.data[i] += 10; origin.x++; }
            int f(void) { bump(); bump(); return gb.data[0] * 1000 + gb.data[3] * 100 + origin.x * 10 + pts[1].x + pts[3].y; }
            """;
        Assert.That(Run(text), Is.EqualTo(new Returned(25 * 1000 + 0 + 20 + 3 + 0)));
        Assert.That(
            Run(Globals + "int f(void) { int i = 0; while (pts[i].x != 9) i++; return i; }"),
            UndefinedBehaviour("out-of-bounds read of 'pts.x[4]' (its length is 4)"));
    }

    private const string UsedAsValue = "used other than through the members of its elements (pts[i].m): passed, its address or an element's taken, or an element used as a whole";

    [TestCase(Point + "int f(void) { struct point pts[4]; int *p = &pts[1].x; return *p; }", $"t.c:2:45: unsupported: array of structs 'pts' {UsedAsValue}")]
    [TestCase(Point + "int g(int *p) { return *p; }\nint f(void) { struct point pts[4]; return g(pts); }", $"t.c:3:45: unsupported: array of structs 'pts' {UsedAsValue}")]
    [TestCase(Point + "int f(void) { struct point pts[4]; pts[0] = pts[1]; return 0; }", $"t.c:2:36: unsupported: array of structs 'pts' {UsedAsValue}")]
    [TestCase(Point + "int f(void) { struct point pts[4]; struct point *p = &pts[0]; return 0; }", "t.c:2:54: unsupported: '&pts[0]' used as a pointer to struct 'point'")]
    [TestCase(Point + "int f(int n) { struct point pts[n]; return 0; }", "t.c:2:33: unsupported: variable-length array of structs 'pts'")]
    [TestCase(Point + "int f(void) { struct point pts[4][2]; return 0; }", "t.c:2:28: unsupported: array of structs of more than one dimension")]
    [TestCase(Buf + "int f(void) { struct buf b; return b.data; }", "t.c:2:36: unsupported: array 'b.data' used other than through its elements (a[i], *a)")]
    [TestCase(Buf + "int f(void) { struct buf b = {{1}, {2}}; return 0; }", "t.c:2:36: unsupported: braces around the value of member 'len'")]
    [TestCase("struct s { int a[]; int n; };\nint f(void) { struct s x; return 0; }", "t.c:2:15: unsupported: struct 's', whose declaration at t.c:1:16 is outside the subset (unsupported: struct member that is an array without a length (a flexible array member))")]
    [TestCase("struct s { int a[2][2]; };\nint f(void) { struct s x; return 0; }", "t.c:2:15: unsupported: struct 's', whose declaration at t.c:1:16 is outside the subset (unsupported: struct member that is not an integer or an array of integers (a pointer, an array of arrays or a function))")]
    [TestCase(Point + "extern struct point gp[4];\nint f(void) { return gp[1].x; }", "t.c:3:22: unsupported: 'gp', whose declaration at t.c:2:21 is outside the subset (struct variable 'gp' outside a function's automatic variables and file scope)")]
    public void OtherUsesAreRefused(string text, string expected)
    {
        Assert.That(RefusalOf(text), Is.EqualTo(expected));
    }

    [TestCase(Buf + "int f(void) { struct buf b = {1, 2, 3, 4, 5, 6}; return 0; }", "t.c:2:46: more values than the members of struct 'buf'")]
    [TestCase(Buf + "int f(void) { struct buf b = {{1, 2, 3, 4, 5}}; return 0; }", "t.c:2:44: more values than the 4 elements of member 'data'")]
    [TestCase(Point + "int f(void) { struct point pts[2] = {{1, 2, 3}}; return 0; }", "t.c:2:45: more values than the 2 members of an element of array 'pts'")]
    [TestCase(Point + "int f(void) { struct point pts[2] = {1, 2, 3, 4, 5}; return 0; }", "t.c:2:37: more values than the 2 elements of array 'pts'")]
    [TestCase(Point + "int f(void) { struct point pts[2]; return pts[1].z; }", "t.c:2:50: struct 'point' has no member 'z'")]
    public void MistakesAreErrors(string text, string expected)
    {
        var error = Assert.Throws<SourceException>(() => CFrontend.Parse(text, "t.c", usePreprocessor: false));
        Assert.That(error!.Message, Is.EqualTo(expected));
    }
}
