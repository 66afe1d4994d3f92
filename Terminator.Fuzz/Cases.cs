using System.Globalization;
using System.Text;

namespace Terminator.Fuzz;

/// <summary>One generated case: the files it needs (name → bytes) and the arguments after <c>analyze</c>.</summary>
/// <param name="Shape">What kind of input it is, for the counts.</param>
/// <param name="Files">The files to write into the case's folder, by name.</param>
/// <param name="Arguments">The command line after <c>terminator</c>; <c>{dir}</c> stands for the case's folder.</param>
/// <param name="BudgetSeconds">The time budget per function given with <c>--timeout</c> (0 when the case gives none that holds).</param>
internal sealed record FuzzCase(string Shape, IReadOnlyDictionary<string, byte[]> Files, IReadOnlyList<string> Arguments, double BudgetSeconds);

/// <summary>
/// Generates cases from a seed and an index, so that any case can be generated again alone: programs of the shapes
/// that once crashed or hung (long bodies, deep nesting, long chains, exponential inlining, big integers), byte and
/// token mutations of the examples, odd files and odd options.
/// </summary>
internal sealed class CaseGenerator(IReadOnlyList<(string Name, string Text)> examples)
{
    private static readonly string[] Budgets = ["0.1", "0.2", "0.3", "0.5", "1"];

    private static readonly string[] Insertions =
    [
        "{", "}", "(", ")", ";", "while", "if", "else", "/*", "*/", "#", "\0", "ä", "\t", "    ", "x++", "--x", "1e999999",
        "99999999999999999999999999", "-", "*", "/", "%", "0x", "'", "\"", "\\", "\n", "\r\n", "def", ":", "return", "int",
        "unsigned", "for", "break", "continue", "terminates(", "nondet()", "__VERIFIER_nondet_int()", "INT_MIN", "-2147483648",
        "#define X", "#include <x.h>", "range(", "zähler", "𝓍", "\u200b", "\uFEFF",
    ];

    public FuzzCase Generate(int seed, int index)
    {
        // Not HashCode.Combine: it is seeded anew in every process, and a case must be the same in every run.
        var random = new Random(unchecked((seed * 1_000_003) + (index * 7919)));
        var budget = Budgets[random.Next(Budgets.Length)];
        var roll = random.Next(100);
        var fuzzCase = roll switch
        {
            < 30 => Mutated(random, budget),
            < 55 => Shaped(random, budget),
            < 75 => RandomProgram(random, budget),
            < 88 => OddFile(random, budget),
            _ => OddOptions(random, budget),
        };
        return fuzzCase;
    }

    private static FuzzCase Program(string shape, string name, string text, string budget, params string[] extra) =>
        new(shape, new Dictionary<string, byte[]> { [name] = Encoding.UTF8.GetBytes(text) },
            ["analyze", "{dir}/" + name, "--timeout", budget, .. extra], double.Parse(budget, CultureInfo.InvariantCulture));

    // --- mutations of the examples ------------------------------------------------------------------------------------

    private FuzzCase Mutated(Random random, string budget)
    {
        var (name, text) = examples[random.Next(examples.Count)];
        var mutations = 1 + random.Next(4);
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        var kind = "";
        for (var m = 0; m < mutations; m++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    kind = "byte";
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(20)));
                    kind = "delete";
                    break;
                case 2:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Insertions[random.Next(Insertions.Length)]));
                    kind = "insert";
                    break;
                case 3 when bytes.Count > 0:
                    var length = Math.Min(bytes.Count - at, 1 + random.Next(80));
                    var copy = bytes.GetRange(at, length);
                    bytes.InsertRange(random.Next(bytes.Count), copy);
                    kind = "duplicate";
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    kind = "truncate";
                    break;
                case 5:
                    // A grammar-aware change: swap two lines.
                    var lines = Encoding.UTF8.GetString([.. bytes]).Split('\n');
                    if (lines.Length > 2)
                    {
                        var (i, j) = (random.Next(lines.Length), random.Next(lines.Length));
                        (lines[i], lines[j]) = (lines[j], lines[i]);
                    }

                    bytes = [.. Encoding.UTF8.GetBytes(string.Join('\n', lines))];
                    kind = "swap-lines";
                    break;
                default:
                    // Another grammar-aware change: a number becomes an extreme one.
                    var source = Encoding.UTF8.GetString([.. bytes]);
                    var digit = source.IndexOfAny("0123456789".ToCharArray(), Math.Min(at, source.Length));
                    if (digit >= 0)
                        source = source[..digit] + (random.Next(2) == 0 ? "2147483647" : "4294967296") + source[(digit + 1)..];
                    bytes = [.. Encoding.UTF8.GetBytes(source)];
                    kind = "number";
                    break;
            }
        }

        var semantics = name.EndsWith(".c", StringComparison.Ordinal) && random.Next(4) == 0 ? new[] { "--semantics", "math" } : [];
        return new FuzzCase($"mutated-{kind}", new Dictionary<string, byte[]> { [name] = [.. bytes] },
            ["analyze", "{dir}/" + name, "--timeout", budget, .. semantics], double.Parse(budget, CultureInfo.InvariantCulture));
    }

    // --- the shapes that grow work with the input ---------------------------------------------------------------------

    /// <summary>Case <paramref name="index"/> of the large generated shapes alone (for the cancellation harness).</summary>
    public FuzzCase Shaped(int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + (index * 7919)));
        return Shaped(random, Budgets[random.Next(Budgets.Length)]);
    }

    private static FuzzCase Shaped(Random random, string budget)
    {
        var python = random.Next(2) == 0;
        int Size(params int[] sizes) => sizes[random.Next(sizes.Length)];
        switch (random.Next(10))
        {
            case 0:
            {
                var n = Size(50, 200, 1000, 3000, 5000);
                return python
                    ? Program("long-body", "long.py", "def f(x):\n    while x > 0:\n" + Repeat(n, _ => "        x = x + 1\n") + $"        x = x - {n + 1}\n    return x\n", budget)
                    : Program("long-body", "long.c", "int f(int x) {\n  while (x > 0) {\n" + Repeat(n, _ => "    x = x + 1;\n") + $"    x = x - {n + 1};\n  }}\n  return x;\n}}\n", budget, "--semantics", "math");
            }

            case 1:
            {
                var depth = Size(100, 1000, 4000);
                return python
                    ? Program("deep-if", "deep.py", "def f(x):\n" + string.Concat(Enumerable.Range(0, Math.Min(depth, 90)).Select(i => new string(' ', 4 * (i + 1)) + $"if x > {i}:\n")) + new string(' ', 4 * (Math.Min(depth, 90) + 1)) + "x = 0\n    return x\n", budget)
                    : Program("deep-if", "deep.c", "int f(int x) {\n" + Repeat(depth, i => $"if (x > {i % 100}) {{\n") + "x = 0;\n" + new string('}', depth) + "\nreturn x;\n}\n", budget);
            }

            case 2:
            {
                var n = Size(100, 1000);
                return python
                    ? Program("else-if-chain", "chain.py", "def f(x):\n    while x > 0:\n        if x == 0:\n            x = 1\n" + Repeat(n, i => $"        elif x == {i + 1}:\n            x = x - 1\n") + "        else:\n            x = x - 2\n    return x\n", budget)
                    : Program("else-if-chain", "chain.c", "int f(int x) {\n  while (x > 0) {\n    if (x == 0) x = 1;\n" + Repeat(n, i => $"    else if (x == {i + 1}) x = x - 1;\n") + "    else x = x - 2;\n  }\n  return x;\n}\n", budget);
            }

            case 3:
            {
                var n = Size(200, 1000);
                return python
                    ? Program("unary-chain", "minus.py", "def f(x):\n    while x > 0:\n        x = " + string.Concat(Enumerable.Repeat("- ", n)) + "x - 1\n    return x\n", budget)
                    : Program("unary-chain", "minus.c", "int f(int x) {\n  while (x > 0) {\n    x = " + string.Concat(Enumerable.Repeat("- ", n)) + "x - 1;\n  }\n  return x;\n}\n", budget);
            }

            case 4:
            {
                var n = Size(200, 1000);
                return python
                    ? Program("minus-terms", "terms.py", "def f(x):\n    while x > 0:\n        x = x" + Repeat(n, _ => " - 1") + "\n    return x\n", budget)
                    : Program("minus-terms", "terms.c", "int f(int x) {\n  while (x > 0) {\n    x = x" + Repeat(n, _ => " - 1") + ";\n  }\n  return x;\n}\n", budget);
            }

            case 5:
            {
                var n = Size(6, 11, 14);
                var text = new StringBuilder();
                if (python)
                {
                    text.Append("def g0(x):\n    while x > 0:\n        x = x - 1\n    return x\n");
                    for (var i = 1; i < n; i++)
                        text.Append(CultureInfo.InvariantCulture, $"def g{i}(x):\n    return g{i - 1}(x) + g{i - 1}(x - 1)\n");
                    return Program("call-chain", "calls.py", text.ToString(), budget, "--function", $"g{n - 1}");
                }

                text.Append("int g0(int x) { while (x > 0) x = x - 1; return x; }\n");
                for (var i = 1; i < n; i++)
                    text.Append(CultureInfo.InvariantCulture, $"int g{i}(int x) {{ return g{i - 1}(x) + g{i - 1}(x - 1); }}\n");
                return Program("call-chain", "calls.c", text.ToString(), budget, "--function", $"g{n - 1}", "--semantics", "math");
            }

            case 6:
            {
                var n = Size(50, 200);
                return python
                    ? Program("nondet-loop", "nondet.py", "def f(x):\n    while x > 0:\n" + Repeat(n, _ => "        x = x - nondet()\n") + "    return x\n", budget)
                    : Program("nondet-loop", "nondet.c", "int f(int x) {\n  while (x > 0) {\n" + Repeat(n, _ => "    x = x - __VERIFIER_nondet_int();\n") + "  }\n  return x;\n}\n", budget);
            }

            case 7:
                return python
                    ? Program("squaring", "square.py", "def f(x):\n    while x > 1:\n        x = x * x\n    return x\n", budget)
                    : Program("squaring", "square.c", "int f(int x) {\n  while (x > 1) {\n    x = x * x;\n  }\n  return x;\n}\n", budget, "--semantics", "math");

            case 8:
            {
                var n = Size(50, 300);
                return python
                    ? Program("many-variables", "vars.py", "def f(" + string.Join(", ", Enumerable.Range(0, n).Select(i => $"a{i}")) + "):\n    while a0 > 0:\n" + Repeat(n - 1, i => $"        a{i} = a{i + 1} - 1\n") + "    return a0\n", budget)
                    : Program("many-variables", "vars.c", "int f(" + string.Join(", ", Enumerable.Range(0, n).Select(i => $"int a{i}")) + ") {\n  while (a0 > 0) {\n" + Repeat(n - 1, i => $"    a{i} = a{i + 1} - 1;\n") + "  }\n  return a0;\n}\n", budget);
            }

            default:
            {
                var depth = Size(5, 20, 60);
                return python
                    ? Program("nested-loops", "loops.py", "def f(n):\n" + string.Concat(Enumerable.Range(0, Math.Min(depth, 60)).Select(i => new string(' ', 4 * (i + 1)) + $"for i{i} in range(n):\n")) + new string(' ', 4 * (Math.Min(depth, 60) + 1)) + "n = n + 1\n    return n\n", budget)
                    : Program("nested-loops", "loops.c", "int f(int n) {\n" + Repeat(depth, i => $"for (int i{i} = 0; i{i} < n; i{i}++) {{\n") + "n = n - 1;\n" + new string('}', depth) + "\nreturn n;\n}\n", budget);
            }
        }
    }

    // --- small random programs -----------------------------------------------------------------------------------------

    private static FuzzCase RandomProgram(Random random, string budget)
    {
        var python = random.Next(3) == 0;
        string[] variables = ["x", "y", "z"];
        string Atom() => random.Next(3) == 0 ? random.Next(-3, 4).ToString(CultureInfo.InvariantCulture) : variables[random.Next(variables.Length)];
        string Expr(int depth)
        {
            if (depth <= 0 || random.Next(3) == 0)
                return Atom();
            string[] ops = python ? ["+", "-", "*", "//", "%"] : ["+", "-", "*", "/", "%"];
            return $"({Expr(depth - 1)} {ops[random.Next(ops.Length)]} {Expr(depth - 1)})";
        }

        string Cond()
        {
            string[] comparisons = ["<", "<=", ">", ">=", "==", "!="];
            return $"{Expr(2)} {comparisons[random.Next(comparisons.Length)]} {Expr(1)}";
        }

        var body = new StringBuilder();
        void Statements(int indent, int count, int depth)
        {
            var pad = new string(' ', indent);
            for (var i = 0; i < count; i++)
            {
                var target = variables[random.Next(variables.Length)];
                switch (depth > 0 ? random.Next(5) : 0)
                {
                    case 1:
                        body.Append(pad).Append(python ? $"while {Cond()}:\n" : $"while ({Cond()}) {{\n");
                        Statements(indent + 4, 1 + random.Next(3), depth - 1);
                        if (!python) body.Append(pad).Append("}\n");
                        break;
                    case 2:
                        body.Append(pad).Append(python ? $"if {Cond()}:\n" : $"if ({Cond()}) {{\n");
                        Statements(indent + 4, 1 + random.Next(2), depth - 1);
                        if (!python) body.Append(pad).Append("}\n");
                        break;
                    case 3:
                        body.Append(pad).Append(python ? $"{target} = nondet()\n" : $"{target} = __VERIFIER_nondet_int();\n");
                        break;
                    default:
                        body.Append(pad).Append(python ? $"{target} = {Expr(2)}\n" : $"{target} = {Expr(2)};\n");
                        break;
                }
            }
        }

        Statements(4, 1 + random.Next(4), 3);
        var canReturn = random.Next(5) == 0 ? new[] { "--can-return", random.Next(-2, 3).ToString(CultureInfo.InvariantCulture) } : [];
        if (python)
            return Program("random", "random.py", "def f(x, y):\n    z = 0\n" + body + "    return x\n", budget, canReturn);
        var semantics = random.Next(3) == 0 ? new[] { "--semantics", "math" } : [];
        string[] types = ["int", "unsigned", "long long", "unsigned char", "short"];
        var type = types[random.Next(types.Length)];
        return Program("random", "random.c", $"int f({type} x, {type} y) {{\n    {type} z = 0;\n" + body + "    return x;\n}\n", budget, [.. canReturn, .. semantics]);
    }

    // --- odd files -----------------------------------------------------------------------------------------------------

    private FuzzCase OddFile(Random random, string budget)
    {
        var (name, text) = examples[random.Next(examples.Count)];
        var bytes = random.Next(12) switch
        {
            0 => [],
            1 => new byte[1 + random.Next(100)],
            2 => RandomBytes(random, 1 + random.Next(2000)),
            3 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            4 => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")),
            5 => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r")),
            6 => Encoding.UTF8.GetBytes(text + "\n" + new string('a', 100_000 + random.Next(100_000))),
            7 => Encoding.UTF8.GetBytes(new string('(', 300 + random.Next(3000)) + "x" + new string(')', 300)),
            8 => Encoding.UTF8.GetBytes(name.EndsWith(".py", StringComparison.Ordinal)
                ? Repeat(500, i => $"def f{i}(x):\n    return x\n")
                : Repeat(500, i => $"int f{i}(int x) {{ return x; }}\n")),
            9 => Encoding.Unicode.GetBytes(text),
            10 => Encoding.UTF8.GetBytes(text.Replace("x", "\u00e4x", StringComparison.Ordinal)),
            _ => Encoding.UTF8.GetBytes(text[..random.Next(text.Length + 1)]),
        };
        var fileName = random.Next(10) == 0 ? Path.ChangeExtension(name, ".txt") : name;
        return new FuzzCase("odd-file", new Dictionary<string, byte[]> { [fileName] = bytes },
            ["analyze", "{dir}/" + fileName, "--timeout", budget], double.Parse(budget, CultureInfo.InvariantCulture));
    }

    // --- odd options ---------------------------------------------------------------------------------------------------

    private FuzzCase OddOptions(Random random, string budget)
    {
        var (name, text) = examples[random.Next(examples.Count)];
        string[][] oddities =
        [
            ["--timeout", "0.0005"], ["--timeout", "1e-9"], ["--timeout", "-1"], ["--timeout", "abc"], ["--timeout", "NaN"],
            ["--timeout", "Infinity"], ["--timeout", "1e400"], ["--timeout", ""], ["--function", "nope"], ["--function", ""],
            ["--can-return", "abc"], ["--can-return", "0x"], ["--can-return", "True"], ["--can-return", "--1"],
            ["--can-return", "99999999999999999999999999999"], ["--can-return", "-0"], ["--can-return", "0b102"],
            ["--semantics", "math"], ["--semantics", "java"], ["--format", "sarif"], ["--format", "json"], ["--format", "xml"],
            ["--bogus"], ["--no-color"], ["--z3-library"], ["--help"], ["--version"], ["{dir}/missing.c"], ["{dir}"],
            ["{dir}/" + name, "{dir}/" + name],
        ];
        var extra = oddities[random.Next(oddities.Length)];
        var arguments = new List<string> { "analyze", "{dir}/" + name, "--timeout", budget };
        arguments.AddRange(extra);
        if (random.Next(6) == 0)
            arguments = ["bench", "{dir}", "--jobs", random.Next(3) == 0 ? "0" : "1", "--timeout", budget];
        return new FuzzCase("odd-options", new Dictionary<string, byte[]> { [name] = Encoding.UTF8.GetBytes(text) }, arguments,
            double.Parse(budget, CultureInfo.InvariantCulture));
    }

    private static string Repeat(int count, Func<int, string> line) => string.Concat(Enumerable.Range(0, count).Select(line));

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
