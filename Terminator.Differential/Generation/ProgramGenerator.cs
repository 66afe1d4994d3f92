using System.Numerics;

namespace Terminator.Differential.Generation;

/// <summary>
/// Generates small deterministic C functions in the analyzer's subset: loops of a few shapes (counting up or down,
/// halving, remainder steps, <c>!=</c> guards, <c>for</c>, arbitrary conditions), ifs and breaks, the operators
/// <c>+ - * / %</c> by constants and variables, increments inside expressions, casts, signed and unsigned types of 32
/// and 64 bits, and edge constants. The same seed always gives the same function.
/// </summary>
internal sealed class ProgramGenerator(GeneratorOptions options)
{
    private static readonly string[] ParameterNames = ["a", "b", "c", "d", "e"];
    private static readonly string[] LocalNames = ["x", "y", "z", "w"];
    private static readonly string[] CounterNames = ["i", "j", "k", "m", "n", "p", "q"];
    private static readonly string[] Comparisons = ["<", "<=", ">", ">=", "==", "!="];
    private static readonly int[] SmallDivisors = [2, 3, -2, -3, 10, 7, -1, 1, 4];

    /// <summary>Edge constants: the extremes of each type and the values next to them, some in hexadecimal.</summary>
    private static readonly ConstExpr[] EdgeConstants =
    [
        new(int.MaxValue, CType.Int), new(int.MinValue, CType.Int), new(-1, CType.Int), new(int.MinValue + 1, CType.Int),
        new(0x7fffffff, CType.Int, Hex: true), new(0x80000000L, CType.UInt, Hex: true), new(0xffffffffL, CType.UInt, Hex: true),
        new(uint.MaxValue, CType.UInt), new(2147483648L, CType.UInt), new(0, CType.UInt), new(1, CType.UInt),
        new(long.MaxValue, CType.LongLong), new(long.MinValue, CType.LongLong), new(4294967296L, CType.LongLong),
        new(ulong.MaxValue, CType.ULongLong), new(65535, CType.Int), new(-65536, CType.Int),
    ];

    /// <summary>The function for one seed.</summary>
    public FunctionDef Generate(int seed, string name) => new Builder(options, new Random(seed), name).Build();

    private sealed class Builder(GeneratorOptions options, Random random, string name)
    {
        private readonly List<Variable> _parameters = [];
        private readonly List<Variable> _locals = [];
        private readonly List<Variable> _counters = [];

        private IEnumerable<Variable> All => _parameters.Concat(_locals).Concat(_counters);

        public FunctionDef Build()
        {
            var parameterCount = random.Next(options.MinParameters, options.MaxParameters + 1);
            for (var i = 0; i < parameterCount; i++)
                _parameters.Add(new Variable(ParameterNames[i], RandomType()));
            var localCount = random.Next(0, options.MaxLocals + 1);
            for (var i = 0; i < localCount; i++)
                _locals.Add(new Variable(LocalNames[i], RandomType()));

            var body = new List<Stmt>();
            foreach (var parameter in _parameters.Where(_ => Chance(options.InputGuardRate)))
                body.Add(Guard(parameter));
            var loops = 1 + Enumerable.Range(1, options.MaxTopLevelLoops - 1).Count(_ => Chance(options.FurtherLoopRate));
            for (var i = 0; i < loops; i++)
            {
                if (Chance(options.StraightLineRate))
                    body.Add(Assignment());
                body.Add(Loop(1));
            }

            if (Chance(options.StraightLineRate))
                body.Add(Assignment());
            body.Add(new ReturnStmt(Sanitized(Expression(1), null)));

            // Locals are declared (and initialized from the parameters) at the top, so every loop head sees them all.
            var declarations = _locals.Concat(_counters)
                .Select(v => new Declaration(v, Sanitized(Initializer(), v.Name)))
                .ToList();
            return new FunctionDef(name, _parameters, declarations, body);
        }

        // ------------------------------------------------------------------ statements

        private IfStmt Guard(Variable parameter)
        {
            var limit = new[] { 10, 100, 1000, 65535 }[random.Next(4)];
            var type = parameter.Type.IsSigned() ? CType.Int : CType.UInt;
            Expr above = new BinaryExpr(">", new VarExpr(parameter.Name), new ConstExpr(limit, type));
            var condition = parameter.Type.IsSigned()
                ? new BinaryExpr("||", new BinaryExpr("<", new VarExpr(parameter.Name), new ConstExpr(-limit, CType.Int)), above)
                : above;
            return new IfStmt(condition, [new ReturnStmt(new ConstExpr(0, CType.Int))], []);
        }

        private Stmt Loop(int depth)
        {
            var counter = Counter();
            var body = Body(depth + 1, inLoop: true);
            var c = new VarExpr(counter.Name);
            switch (random.Next(8))
            {
                case 0:
                {
                    Stmt step = Chance(0.4) ? Step(counter.Name, true) : CompoundStep(counter.Name, "+=", "+");
                    return new WhileStmt(Condition(new BinaryExpr(Chance(0.7) ? "<" : "<=", c, Bound())), Append(body, step));
                }

                case 1:
                {
                    Stmt step = Chance(0.4) ? Step(counter.Name, false) : CompoundStep(counter.Name, "-=", "-");
                    return new WhileStmt(Condition(new BinaryExpr(Chance(0.7) ? ">" : ">=", c, Bound())), Append(body, step));
                }

                case 2:
                {
                    // The counter moves inside the condition: while (i-- > 0), while (++i < n).
                    var increment = Chance(0.5);
                    var step = new StepExpr(counter.Name, increment, Chance(0.3));
                    return new WhileStmt(Sanitized(new BinaryExpr(increment ? "<" : ">", step, Bound()), null), body);
                }

                case 3:
                {
                    // Halving: ends for every start only if '/' truncates toward zero.
                    Expr divisor = Chance(0.8) ? Divisor() : new VarExpr(Pick(All.ToList()).Name);
                    var guard = random.Next(4) switch
                    {
                        0 => new BinaryExpr("!=", c, new ConstExpr(0, CType.Int)),
                        1 => new BinaryExpr(">", c, new ConstExpr(0, CType.Int)),
                        2 => new BinaryExpr("<", c, new ConstExpr(random.Next(-3, 1), CType.Int)),
                        _ => new BinaryExpr(">", c, new ConstExpr(random.Next(-5, 5), CType.Int)),
                    };
                    Stmt step = Chance(0.5)
                        ? new AssignStmt(counter.Name, "/=", divisor)
                        : new AssignStmt(counter.Name, "=", new BinaryExpr("/", c, divisor));
                    return new WhileStmt(guard, Append(body, step));
                }

                case 4:
                {
                    // A remainder in the step: i + 1 + i % 2 stalls on negative odd i only if '%' truncates.
                    var modulus = new ConstExpr(random.Next(2, 5) * (Chance(0.2) ? -1 : 1), CType.Int);
                    var advance = new BinaryExpr("+", new ConstExpr(1, CType.Int), new BinaryExpr("%", c, modulus));
                    Stmt step = Chance(0.5)
                        ? new AssignStmt(counter.Name, "+=", advance)
                        : new AssignStmt(counter.Name, "=", new BinaryExpr("+", c, advance));
                    return new WhileStmt(new BinaryExpr("<", c, Bound()), Append(body, step));
                }

                case 5:
                {
                    var step = CompoundStep(counter.Name, "+=", "+");
                    return new WhileStmt(new BinaryExpr("!=", c, Bound()), Append(body, step));
                }

                case 6:
                {
                    var up = Chance(0.6);
                    var init = new AssignStmt(counter.Name, "=", Sanitized(Chance(0.5) ? Constant() : Expression(1), counter.Name));
                    Stmt step = Chance(0.6) ? Step(counter.Name, up) : CompoundStep(counter.Name, up ? "+=" : "-=", up ? "+" : "-");
                    var condition = new BinaryExpr(up ? (Chance(0.5) ? "<" : "!=") : ">", c, Bound());
                    return new ForStmt(init, Sanitized(condition, null), step, body);
                }

                default:
                {
                    var update = new AssignStmt(counter.Name, Pick(["=", "+=", "-=", "/=", "*="]), Sanitized(Expression(1), counter.Name));
                    return new WhileStmt(Condition(new BinaryExpr(Pick(Comparisons), c, Expression(1))), Append(body, update));
                }
            }
        }

        private List<Stmt> Body(int depth, bool inLoop)
        {
            var count = random.Next(0, options.MaxBodyStatements + 1);
            var statements = new List<Stmt>();
            for (var i = 0; i < count; i++)
                statements.Add(Statement(depth, inLoop));
            return statements;
        }

        private Stmt Statement(int depth, bool inLoop)
        {
            var roll = random.NextDouble();
            var nested = depth <= options.MaxNesting;
            if (nested && (roll -= options.NestedLoopRate) < 0)
                return Loop(depth);
            if (nested && (roll -= options.IfRate) < 0)
                return new IfStmt(Condition(Comparison()), Body(depth + 1, inLoop), Chance(0.4) ? Body(depth + 1, inLoop) : []);
            if (inLoop && (roll -= options.BreakRate) < 0)
                return new IfStmt(Condition(Comparison()), [new BreakStmt()], []);
            if ((roll -= options.EarlyReturnRate) < 0)
                return new IfStmt(Condition(Comparison()), [new ReturnStmt(Sanitized(Expression(1), null))], []);
            if ((roll -= options.StepStatementRate) < 0)
                return Step(Pick(All.ToList()).Name, Chance(0.5));
            return Assignment();
        }

        private AssignStmt Assignment()
        {
            if (Chance(options.UnsequencedRate))
                return Unsequenced();
            var target = Pick(All.ToList()).Name;
            var op = Chance(0.7) ? "=" : Chance(options.BitwiseRate) ? Pick(["&=", "|=", "^=", "<<=", ">>="]) : Pick(["+=", "-=", "*=", "/=", "%="]);
            var value = op switch
            {
                "/=" or "%=" when Chance(options.ConstantOperandRate) => Divisor(),
                "<<=" or ">>=" when Chance(options.ConstantOperandRate) => new ConstExpr(Pick([1, 2, 31, 32]), CType.Int),
                _ => Expression(options.MaxExpressionDepth),
            };
            return new AssignStmt(target, op, Sanitized(value, target));
        }

        /// <summary>An assignment that modifies a variable twice, or modifies and reads it, without a sequence point.</summary>
        private AssignStmt Unsequenced()
        {
            var variables = All.ToList();
            var v = Pick(variables).Name;
            var step = new StepExpr(v, Chance(0.5), Chance(0.5));
            Expr other = Chance(0.3) ? new StepExpr(v, Chance(0.5), Chance(0.5)) : new VarExpr(v);
            var op = Pick(["+", "-", "*"]);
            return random.Next(3) switch
            {
                0 => new AssignStmt(Pick(variables).Name, "=", Chance(0.5) ? new BinaryExpr(op, step, other) : new BinaryExpr(op, other, step)),
                1 => new AssignStmt(v, "=", Chance(0.5) ? step : new BinaryExpr(op, step, new ConstExpr(1, CType.Int))),
                _ => new AssignStmt(v, Pick(["+=", "-="]), step),
            };
        }

        private StepStmt Step(string variable, bool increment) => new(new StepExpr(variable, increment, Chance(0.3)));

        private AssignStmt CompoundStep(string variable, string compound, string plain)
        {
            Expr amount = random.Next(6) switch
            {
                0 => new VarExpr(Pick(All.ToList()).Name),
                1 => new ConstExpr(Pick([2, 3, 5]), CType.Int),
                2 => new ConstExpr(-1, CType.Int),
                3 => Constant(),
                _ => new ConstExpr(1, CType.Int),
            };
            return Chance(0.5)
                ? new AssignStmt(variable, compound, Sanitized(amount, variable))
                : new AssignStmt(variable, "=", Sanitized(new BinaryExpr(plain, new VarExpr(variable), amount), variable));
        }

        private static List<Stmt> Append(List<Stmt> body, Stmt step)
        {
            body.Add(step);
            return body;
        }

        /// <summary>A counter for a new loop: a fresh local most of the time, else a parameter.</summary>
        private Variable Counter()
        {
            if (Chance(options.ParameterCounterRate) || _counters.Count == CounterNames.Length)
                return Pick(_parameters);
            var counter = new Variable(CounterNames[_counters.Count], Chance(options.UnsignedRate) ? CType.UInt : CType.Int);
            _counters.Add(counter);
            return counter;
        }

        private Expr Bound() => random.Next(4) switch
        {
            0 => Constant(),
            1 => Expression(1),
            _ => new VarExpr(Pick(_parameters.Concat(_locals).ToList()).Name),
        };

        // ------------------------------------------------------------------ expressions

        private Expr Condition(Expr condition) =>
            Sanitized(Chance(0.15) ? new BinaryExpr(Chance(0.5) ? "&&" : "||", condition, Comparison()) : condition, null);

        private BinaryExpr Comparison() => new(Pick(Comparisons), Expression(1), Expression(1));

        private Expr Initializer() => random.Next(3) switch
        {
            0 => Constant(),
            1 => new VarExpr(Pick(_parameters).Name),
            _ => Expression(1, _parameters),
        };

        private Expr Expression(int depth, IReadOnlyList<Variable>? scope = null)
        {
            scope ??= All.ToList();
            if (depth <= 0 || Chance(0.3))
                return Leaf(scope);
            var roll = random.NextDouble();
            if (roll < options.CastRate)
                return new CastExpr(RandomType(), Expression(depth - 1, scope));
            roll -= options.CastRate;
            if (roll < options.ConditionalRate)
                return new ConditionalExpr(new BinaryExpr(Pick(Comparisons), Leaf(scope), Leaf(scope)), Expression(depth - 1, scope), Expression(depth - 1, scope));
            roll -= options.ConditionalRate;
            if (roll < 0.05)
                return new UnaryExpr("-", Expression(depth - 1, scope));
            roll -= 0.05;
            if (roll < options.BitwiseRate)
                return Bitwise(depth, scope);
            var op = random.NextDouble() switch
            {
                var r when r < options.DivisionRate => Chance(0.5) ? "/" : "%",
                var r when r < options.DivisionRate + options.MultiplicationRate => "*",
                _ => Chance(0.5) ? "+" : "-",
            };
            var right = op is "*" or "/" or "%" && Chance(options.ConstantOperandRate)
                ? (op == "*" ? Constant() : Divisor())
                : Expression(depth - 1, scope);
            return new BinaryExpr(op, Expression(depth - 1, scope), right);
        }

        private static bool ReadsVariable(Expr e) => e switch
        {
            VarExpr or StepExpr => true,
            UnaryExpr u => ReadsVariable(u.Operand),
            BinaryExpr b => ReadsVariable(b.Left) || ReadsVariable(b.Right),
            CastExpr c => ReadsVariable(c.Operand),
            ConditionalExpr c => ReadsVariable(c.Condition) || ReadsVariable(c.Then) || ReadsVariable(c.Else),
            _ => false,
        };

        /// <summary>A bitwise operator: masks, shifts by counts around the width, complements.</summary>
        private Expr Bitwise(int depth, IReadOnlyList<Variable> scope)
        {
            var left = Expression(depth - 1, scope);
            switch (random.Next(4))
            {
                case 0:
                    return new UnaryExpr("~", left);
                case 1:
                {
                    // Constant counts up to and past the width of int (undefined from 32 on), or a variable count.
                    Expr count = Chance(0.7) ? new ConstExpr(Pick([0, 1, 2, 3, 7, 15, 30, 31, 32, 33]), CType.Int) : Expression(depth - 1, scope);

                    // A shift of constants only is folded by clang before its sanitizer sees it, so an undefined one
                    // would pass unnoticed: one operand reads a variable.
                    if (!ReadsVariable(left) && !ReadsVariable(count) && scope.Count > 0)
                        left = new VarExpr(Pick(scope).Name);
                    return new BinaryExpr(Chance(0.5) ? "<<" : ">>", left, count);
                }

                default:
                {
                    Expr mask = random.Next(3) switch
                    {
                        0 => new ConstExpr(Pick([1, 3, 7, 15, 255, 65535]), Chance(0.2) ? CType.UInt : CType.Int, Hex: Chance(0.5)),
                        1 => new ConstExpr(Pick([-2, -4, -8, -256]), CType.Int),
                        _ => Expression(depth - 1, scope),
                    };
                    return new BinaryExpr(Pick(["&", "|", "^"]), left, mask);
                }
            }
        }

        private Expr Leaf(IReadOnlyList<Variable> scope)
        {
            if (scope.Count == 0 || Chance(options.ConstantRate))
                return Constant();
            var v = Pick(scope).Name;
            return Chance(options.StepInExpressionRate) ? new StepExpr(v, Chance(0.5), Chance(0.5)) : new VarExpr(v);
        }

        private ConstExpr Constant()
        {
            if (Chance(options.EdgeConstantRate))
                return Pick(EdgeConstants);
            var value = random.Next(-10, 11);
            return Chance(0.15) ? new ConstExpr(Math.Abs(value), CType.UInt) : new ConstExpr(value, CType.Int);
        }

        private ConstExpr Divisor() =>
            Chance(0.1) ? new ConstExpr(Pick([2, 3, 0]), CType.UInt) : new ConstExpr(Pick(SmallDivisors), CType.Int);

        /// <summary>
        /// Turns a step inside a full expression back into a read when the expression (or the assignment's target) also
        /// uses its variable: that would be an unsequenced modification, which <see cref="Unsequenced"/> makes on purpose only.
        /// </summary>
        private static Expr Sanitized(Expr expression, string? target)
        {
            var uses = new Dictionary<string, int>(StringComparer.Ordinal);
            if (target is not null)
                uses[target] = 1;
            Count(expression, uses);
            return Strip(expression, uses);
        }

        private static void Count(Expr expression, Dictionary<string, int> uses)
        {
            switch (expression)
            {
                case VarExpr v:
                    uses[v.Name] = uses.GetValueOrDefault(v.Name) + 1;
                    break;
                case StepExpr s:
                    uses[s.Name] = uses.GetValueOrDefault(s.Name) + 1;
                    break;
                case UnaryExpr u:
                    Count(u.Operand, uses);
                    break;
                case CastExpr c:
                    Count(c.Operand, uses);
                    break;
                case BinaryExpr b:
                    Count(b.Left, uses);
                    Count(b.Right, uses);
                    break;
                case ConditionalExpr c:
                    Count(c.Condition, uses);
                    Count(c.Then, uses);
                    Count(c.Else, uses);
                    break;
            }
        }

        private static Expr Strip(Expr expression, Dictionary<string, int> uses) => expression switch
        {
            StepExpr s when uses[s.Name] > 1 => new VarExpr(s.Name),
            UnaryExpr u => u with { Operand = Strip(u.Operand, uses) },
            CastExpr c => c with { Operand = Strip(c.Operand, uses) },
            BinaryExpr b => b with { Left = Strip(b.Left, uses), Right = Strip(b.Right, uses) },
            ConditionalExpr c => new ConditionalExpr(Strip(c.Condition, uses), Strip(c.Then, uses), Strip(c.Else, uses)),
            _ => expression,
        };

        // ------------------------------------------------------------------ randomness

        private CType RandomType()
        {
            var wide = Chance(options.WideRate);
            return Chance(options.UnsignedRate) ? (wide ? CType.ULongLong : CType.UInt) : (wide ? CType.LongLong : CType.Int);
        }

        private bool Chance(double probability) => random.NextDouble() < probability;

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    }
}
