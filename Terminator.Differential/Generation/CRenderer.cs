using System.Globalization;
using System.Text;

namespace Terminator.Differential.Generation;

/// <summary>
/// A function rendered twice, line for line: the plain C text the analyzer reads, and the instrumented C text that is
/// compiled. Line <c>i</c> of both is the source line <c>FirstLine + i</c>; the instrumented line records that number
/// before each statement and condition, and reports the state at each loop head to the driver.
/// </summary>
internal sealed record RenderedFunction(int FirstLine, IReadOnlyList<string> Plain, IReadOnlyList<string> Instrumented, int LoopHeads);

/// <summary>Writes generated functions as C, one statement per line.</summary>
internal static class CRenderer
{
    private const string Indent = "  ";

    /// <summary>The C text of an expression.</summary>
    public static string Expression(Expr expression) => expression switch
    {
        VarExpr v => v.Name,
        ConstExpr c => Literal(c),
        // '-(--x)', not '---x'; '-(-1)', not '--1'.
        UnaryExpr u => u.Op + (u.Operand is VarExpr ? Expression(u.Operand) : $"({Expression(u.Operand)})"),
        BinaryExpr b => $"{Operand(b.Left)} {b.Op} {Operand(b.Right)}",
        CastExpr c => $"({c.Type.Name()}){Operand(c.Operand)}",
        ConditionalExpr c => $"{Operand(c.Condition)} ? {Operand(c.Then)} : {Operand(c.Else)}",
        StepExpr s => Step(s),
        _ => throw new ArgumentException($"unknown expression {expression}", nameof(expression)),
    };

    /// <summary>Renders <paramref name="function"/> with its first line numbered <paramref name="firstLine"/>; the compiled copy is named <paramref name="compiledName"/>.</summary>
    public static RenderedFunction Render(FunctionDef function, int firstLine, string compiledName)
    {
        var writer = new Writer(function, firstLine);
        var parameters = string.Join(", ", function.Parameters.Select(p => $"{p.Type.Name()} {p.Name}"));
        writer.Line(0, $"int {function.Name}({parameters}) {{", $"static int {compiledName}({parameters}) {{");
        foreach (var local in function.Locals)
        {
            var text = $"{local.Variable.Type.Name()} {local.Variable.Name} = {Expression(local.Initializer)};";
            writer.Statement(1, text);
        }

        writer.Block(function.Body, 1);
        writer.Line(0, "}", "}");
        return new RenderedFunction(firstLine, writer.Plain, writer.Instrumented, writer.Heads);
    }

    private static string Operand(Expr expression) => expression switch
    {
        VarExpr or StepExpr => Expression(expression),
        ConstExpr { Value.Sign: >= 0 } c when !IsMinimum(c) => Expression(expression),
        _ => $"({Expression(expression)})",
    };

    private static bool IsMinimum(ConstExpr c) => c.Type.IsSigned() && c.Value == c.Type.Min();

    private static string Literal(ConstExpr c)
    {
        if (IsMinimum(c))
        {
            // The most negative value has no literal: its magnitude does not fit the type.
            return $"-{(c.Type.Max()).ToString(CultureInfo.InvariantCulture)}{c.Type.Suffix()} - 1";
        }

        var magnitude = c.Hex
            ? "0x" + BigIntegerHex(c.Value < 0 ? -c.Value : c.Value)
            : (c.Value < 0 ? -c.Value : c.Value).ToString(CultureInfo.InvariantCulture);
        return (c.Value < 0 ? "-" : "") + magnitude + c.Type.Suffix();
    }

    private static string BigIntegerHex(System.Numerics.BigInteger value)
    {
        var digits = value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return digits.Length == 0 ? "0" : digits;
    }

    private static string Step(StepExpr s)
    {
        var op = s.Increment ? "++" : "--";
        return s.Prefix ? op + s.Name : s.Name + op;
    }

    /// <summary>An assignment or step without its semicolon (also the init and step of a <c>for</c>).</summary>
    public static string Simple(Stmt statement) => statement switch
    {
        AssignStmt a => $"{a.Target} {a.Op} {Expression(a.Value)}",
        StepStmt s => Step(s.Step),
        _ => throw new ArgumentException($"not a simple statement: {statement}", nameof(statement)),
    };

    /// <summary>Collects both renderings line by line.</summary>
    private sealed class Writer(FunctionDef function, int firstLine)
    {
        private readonly string _state = StateVector(function);
        private readonly int _stateSize = function.Variables.Count();

        public List<string> Plain { get; } = [];

        public List<string> Instrumented { get; } = [];

        public int Heads { get; private set; }

        private int CurrentLine => firstLine + Plain.Count;

        public void Line(int depth, string plain, string instrumented)
        {
            var indent = string.Concat(Enumerable.Repeat(Indent, depth));
            Plain.Add(indent + plain);
            Instrumented.Add(indent + instrumented);
        }

        /// <summary>A statement that records its line before it runs.</summary>
        public void Statement(int depth, string text) => Line(depth, text, $"dh_line({CurrentLine}); {text}");

        private string Mark() => $"dh_line({CurrentLine})";

        private string Head() => $"dh_head({Heads++}, {_stateSize}, {_state})";

        public void Block(IReadOnlyList<Stmt> statements, int depth)
        {
            foreach (var statement in statements)
                Write(statement, depth);
        }

        private void Write(Stmt statement, int depth)
        {
            switch (statement)
            {
                case AssignStmt or StepStmt:
                    Statement(depth, Simple(statement) + ";");
                    break;
                case BreakStmt:
                    Statement(depth, "break;");
                    break;
                case ReturnStmt r:
                    Statement(depth, $"return {Expression(r.Value)};");
                    break;
                case IfStmt i:
                {
                    var condition = Expression(i.Condition);
                    Line(depth, $"if ({condition}) {{", $"if (({Mark()}, {condition})) {{");
                    Block(i.Then, depth + 1);
                    if (i.Else.Count > 0)
                    {
                        Line(depth, "} else {", "} else {");
                        Block(i.Else, depth + 1);
                    }

                    Line(depth, "}", "}");
                    break;
                }

                case WhileStmt w:
                {
                    var condition = Expression(w.Condition);
                    Line(depth, $"while ({condition}) {{", $"while (({Mark()}, {Head()}, {condition})) {{");
                    Block(w.Body, depth + 1);
                    Line(depth, "}", "}");
                    break;
                }

                case ForStmt f:
                {
                    var init = f.Init is null ? "" : Simple(f.Init);
                    var step = f.Step is null ? "" : Simple(f.Step);
                    var condition = Expression(f.Condition);
                    var mark = Mark();
                    var instrumentedInit = f.Init is null ? mark : $"{mark}, {init}";
                    var instrumentedStep = f.Step is null ? mark : $"{mark}, {step}";
                    Line(depth, $"for ({init}; {condition}; {step}) {{",
                        $"for ({instrumentedInit}; ({mark}, {Head()}, {condition}); {instrumentedStep}) {{");
                    Block(f.Body, depth + 1);
                    Line(depth, "}", "}");
                    break;
                }

                default:
                    throw new ArgumentException($"unknown statement {statement}", nameof(statement));
            }
        }

        private static string StateVector(FunctionDef function)
        {
            var text = new StringBuilder("(const unsigned long long[]){");
            text.AppendJoin(", ", function.Variables.Select(v => $"(unsigned long long){v.Name}"));
            if (!function.Variables.Any())
                text.Append('0');
            return text.Append('}').ToString();
        }
    }
}
