using System.Globalization;
using System.Numerics;
using Antlr4.Runtime;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniPyParser;

namespace Terminator.Frontend.Python;

/// <summary>Expressions: arithmetic, comparisons (chains split), boolean operators, calls and the builtins.</summary>
internal sealed partial class PyParseTreeConverter
{
    private Expr Expression(TestContext test)
    {
        switch (test)
        {
            case LambdaTestContext lambda:
                throw SourceException.Unsupported(At(lambda), "lambda");
            case ConditionalTestContext c when c.IF() is null:
                return Or(c.orTest(0));
            case ConditionalTestContext c:
                // a if cond else b: the condition is evaluated first.
                var condition = Or(c.orTest(1));
                var then = Or(c.orTest(0));
                var otherwise = Expression(c.test());
                return new ConditionalExpr(condition, then, otherwise, At(c));
            default:
                throw SourceException.Unsupported(At(test), "expression");
        }
    }

    private Expr Or(OrTestContext or)
    {
        var operands = or.andTest().Select(And).ToList();
        return operands.Skip(1).Aggregate(operands[0], (a, b) => new BinaryExpr(BinaryOp.Or, a, b, At(or)));
    }

    private Expr And(AndTestContext and)
    {
        var operands = and.notTest().Select(NotTest).ToList();
        return operands.Skip(1).Aggregate(operands[0], (a, b) => new BinaryExpr(BinaryOp.And, a, b, At(and)));
    }

    private Expr NotTest(NotTestContext test) => test switch
    {
        NotExpressionContext n => new UnaryExpr(UnaryOp.Not, NotTest(n.notTest()), At(n)),
        ComparisonExpressionContext c => Comparison(c.comparison()),
        _ => throw SourceException.Unsupported(At(test), "expression"),
    };

    /// <summary><c>a &lt; b &lt; c</c> becomes <c>a &lt; b and b &lt; c</c>, which needs <c>b</c> free of side effects.</summary>
    private Expr Comparison(ComparisonContext comparison)
    {
        var operands = comparison.expr();
        var operators = comparison.compOp();
        var left = Arithmetic(operands[0]);
        Expr? result = null;
        for (var i = 0; i < operators.Length; i++)
        {
            var op = operators[i].GetText() switch
            {
                "<" => BinaryOp.Lt,
                "<=" => BinaryOp.Le,
                ">" => BinaryOp.Gt,
                ">=" => BinaryOp.Ge,
                "==" => BinaryOp.Eq,
                "!=" => BinaryOp.Ne,
                _ => throw SourceException.Unsupported(At(operators[i]), $"operator '{string.Join(' ', operators[i].children.Select(c => c.GetText()))}'"),
            };
            var right = Arithmetic(operands[i + 1]);
            if (i + 1 < operators.Length && !IsPure(right))
            {
                throw SourceException.Unsupported(At(operands[i + 1]), "chained comparison with a call or nondet() in the middle");
            }

            var pair = new BinaryExpr(op, left, right, left.Span);
            result = result is null ? pair : new BinaryExpr(BinaryOp.And, result, pair, result.Span);
            left = right;
        }

        return result ?? left;
    }

    private static bool IsPure(Expr e) => e switch
    {
        IntLiteral or VarRef => true,
        UnaryExpr u => IsPure(u.Operand),
        BinaryExpr b => IsPure(b.Left) && IsPure(b.Right),
        ConditionalExpr c => IsPure(c.Condition) && IsPure(c.Then) && IsPure(c.Else),
        _ => false,
    };

    private Expr Arithmetic(ExprContext expression)
    {
        if (expression is FactorExpressionContext f)
        {
            return Factor(f.factor());
        }

        // Every other alternative is 'expr op expr'.
        var operatorToken = ((Antlr4.Runtime.Tree.ITerminalNode)expression.GetChild(1)).Symbol;
        var op = ArithmeticOperator(operatorToken);
        var left = Arithmetic((ExprContext)expression.GetChild(0));
        var right = Arithmetic((ExprContext)expression.GetChild(2));
        return new BinaryExpr(op, left, right, left.Span);
    }

    /// <summary>The operator of <c>a op b</c> or <c>x op= b</c> (<paramref name="token"/>), when the subset has it.</summary>
    private BinaryOp ArithmeticOperator(IToken token)
    {
        var spelled = token.Text;
        return (spelled.Length > 1 && spelled.EndsWith('=') ? spelled[..^1] : spelled) switch
        {
            "+" => BinaryOp.Add,
            "-" => BinaryOp.Sub,
            "*" => BinaryOp.Mul,
            "//" => BinaryOp.FloorDiv,
            "%" => BinaryOp.FloorMod,
            "/" => throw SourceException.Unsupported(At(token), $"true division '{spelled}' (floats)"),
            "**" => throw SourceException.Unsupported(At(token), $"power operator '{spelled}'"),
            "@" => throw SourceException.Unsupported(At(token), $"matrix multiplication '{spelled}'"),
            _ => throw SourceException.Unsupported(At(token), $"bitwise operator '{spelled}'"),
        };
    }

    private Expr Factor(FactorContext factor)
    {
        if (factor is UnaryFactorContext unary)
        {
            var operand = Factor(unary.factor());
            return unary.op.Text switch
            {
                "-" => new UnaryExpr(UnaryOp.Negate, operand, At(unary)),
                "+" => operand,
                _ => throw SourceException.Unsupported(At(unary), "bitwise operator '~'"),
            };
        }

        var power = (PowerFactorContext)factor;
        if (power.POWER() is { } pow)
        {
            throw SourceException.Unsupported(At(pow.Symbol), "power operator '**'");
        }

        return AtomExpression(power.atomExpr());
    }

    private Expr AtomExpression(AtomExprContext expression)
    {
        var atom = expression.atom();
        var trailers = expression.trailer();
        if (trailers.Length == 0)
        {
            return Atom(atom);
        }

        if (atom is NameAtomContext name && trailers is [CallTrailerContext call])
        {
            return Call(name, call);
        }

        var offending = trailers.FirstOrDefault(t => t is not CallTrailerContext) ?? trailers[^1];
        throw SourceException.Unsupported(At(offending), offending switch
        {
            SubscriptTrailerContext => "subscript",
            AttributeTrailerContext => "attribute access",
            _ => "call of a computed function",
        });
    }

    private Expr Atom(AtomContext atom)
    {
        var span = At(atom);
        switch (atom)
        {
            case NameAtomContext name:
                return Read(name.GetText(), name.Start);
            case IntegerAtomContext integer:
                return new IntLiteral(ParseInteger(integer.GetText()), ScalarType.Unbounded, span);
            case TrueAtomContext:
                return new IntLiteral(BigInteger.One, ScalarType.Bool, span);
            case FalseAtomContext:
                return new IntLiteral(BigInteger.Zero, ScalarType.Bool, span);
            case ParenAtomContext p when p.testList() is { } list && list.test().Length == 1 && list.trailingComma is null:
                return Expression(list.test(0));
            default:
                // Everything else is a value the subset does not have.
                throw SourceException.Unsupported(span, atom switch
                {
                    ParenAtomContext => "tuple",
                    YieldAtomContext => "yield (generators)",
                    ListAtomContext => "list",
                    DictOrSetAtomContext => "dict or set",
                    FloatAtomContext => "floating point number",
                    StringAtomContext => "string",
                    NoneAtomContext => "None",
                    _ => "expression",
                });
        }
    }

    private static BigInteger ParseInteger(string text)
    {
        text = text.Replace("_", "", StringComparison.Ordinal);
        if (text.Length > 2 && text[0] == '0' && char.IsLetter(text[1]))
        {
            var radix = char.ToLowerInvariant(text[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            var value = BigInteger.Zero;
            foreach (var digit in text[2..])
            {
                value = (value * radix) + int.Parse(digit.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            return value;
        }

        return BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>A read of a local; reading one that may not be assigned yet (Python's UnboundLocalError) is refused.</summary>
    private VarRef Read(string name, IToken token)
    {
        var span = At(token);
        if (locals.Contains(name))
        {
            if (assigned is not null && !assigned.Contains(name))
            {
                throw SourceException.Unsupported(span, $"'{name}' may be read before it is assigned");
            }

            return new VarRef(name, span);
        }

        if (functionArity.ContainsKey(name))
        {
            throw SourceException.Unsupported(span, $"function '{name}' used as a value");
        }

        throw new SourceException(span, $"unknown name '{name}' (globals are not supported)");
    }

    private Expr Call(NameAtomContext callee, CallTrailerContext call)
    {
        var name = callee.GetText();
        var span = At(callee);
        if (locals.Contains(name))
        {
            throw SourceException.Unsupported(span, $"call of the variable '{name}'");
        }

        if (functionArity.TryGetValue(name, out var arity))
        {
            var arguments = Arguments(call, name);
            if (arguments.Count != arity)
            {
                throw new SourceException(span, $"{name}() takes {arity} arguments but {arguments.Count} were given");
            }

            return new CallExpr(name, [.. arguments], span);
        }

        switch (name)
        {
            case "abs":
                return new UnaryExpr(UnaryOp.Abs, BuiltinArguments(call, name, span, 1)[0], span);
            case "min" or "max":
                var operands = Arguments(call, name);
                if (operands.Count < 2)
                {
                    throw SourceException.Unsupported(span, $"{name}() of fewer than 2 arguments");
                }

                var op = name == "min" ? BinaryOp.Min : BinaryOp.Max;
                return operands.Skip(1).Aggregate(operands[0], (a, b) => new BinaryExpr(op, a, b, span));
            case "nondet":
                BuiltinArguments(call, name, span, 0);
                return new NondetExpr(ScalarType.Unbounded, span);
            case "terminates":
                var arguments = call.arguments()?.argument() ?? [];
                if (arguments is not [PositionalArgumentContext { } only] || AtomOf(only.test()) is not (NameAtomContext function, 0)
                    || !functionArity.ContainsKey(function.GetText()))
                {
                    throw SourceException.Unsupported(span, "terminates() of anything but a function of this file");
                }

                return new TerminatesExpr(function.GetText(), span);
            case "isinstance" when IsInstanceOfInt((AtomExprContext)callee.Parent):
                // Every value of the subset is an int.
                return new IntLiteral(BigInteger.One, ScalarType.Bool, span);
            case "range":
                throw SourceException.Unsupported(span, "range() outside a for loop");
            default:
                throw SourceException.Unsupported(span, $"call of '{name}' (neither a function of this file nor a supported builtin)");
        }
    }

    /// <summary>Whether a call is <c>isinstance(v, int)</c> with <c>v</c> a local that is surely assigned.</summary>
    private bool IsInstanceOfInt(AtomExprContext call)
    {
        var arguments = (call.trailer(0) as CallTrailerContext)?.arguments()?.argument() ?? [];
        return arguments is [PositionalArgumentContext value, PositionalArgumentContext type]
            && AtomOf(type.test()) is (NameAtomContext { } typeName, 0) && typeName.GetText() == "int"
            && AtomOf(value.test()) is (NameAtomContext { } variable, 0)
            && locals.Contains(variable.GetText()) && (assigned is null || assigned.Contains(variable.GetText()));
    }

    private List<Expr> BuiltinArguments(CallTrailerContext call, string name, SourceSpan span, int count)
    {
        var arguments = Arguments(call, name);
        return arguments.Count == count
            ? arguments
            : throw new SourceException(span, $"{name}() takes {count} argument{(count == 1 ? "" : "s")} but {arguments.Count} were given");
    }

    private List<Expr> Arguments(CallTrailerContext call, string callee)
    {
        var result = new List<Expr>();
        foreach (var argument in call.arguments()?.argument() ?? [])
        {
            result.Add(argument switch
            {
                PositionalArgumentContext p => Expression(p.test()),
                KeywordArgumentContext k => throw SourceException.Unsupported(At(k), $"keyword argument in a call of '{callee}'"),
                _ => throw SourceException.Unsupported(At(argument), "argument unpacking"),
            });
        }

        return result;
    }
}
