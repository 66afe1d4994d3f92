using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// <c>printf</c> and <c>puts</c> of <c>&lt;stdio.h&gt;</c> as statements: they print and return, and change nothing the
/// analysis follows. A call is read when C defines it from what the program text shows: the format a string literal,
/// each conversion one of <c>%d %i %u %o %x %X %c %s %%</c> with flags, a constant width and precision and the length
/// modifiers <c>hh h l ll z</c>, and each argument of a type evident from the text (a variable, a constant, a cast)
/// that is the type its conversion takes after the default argument promotions (C11 7.21.6.1p9: any other is
/// undefined behaviour); <c>%s</c> takes a string literal. The call evaluates its arguments, as any call does, and its
/// result, which the program may not use, is not followed. Anything else (<c>%n</c>, <c>%p</c>, floating conversions,
/// <c>*</c> widths, a result used as a value) is refused.
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>The output functions read as statements (see the class comment).</summary>
    private static bool IsOutputFunction(string name) => name is "printf" or "puts";

    private CallExpr ConvertOutput(CallContext context, string name, Prototype prototype, SourceSpan span)
    {
        if (!ReferenceEquals(context, _discardedCall))
        {
            throw SourceException.Unsupported(span, $"the result of '{name}' used as a value");
        }

        var arguments = context.argumentList()?.expr() ?? [];
        if (arguments.Length == 0 || StringLiteralOf(arguments[0]) is not { } format)
        {
            throw SourceException.Unsupported(span, $"'{name}' with a first argument other than a string literal");
        }

        List<Expr> evaluated;
        if (name == "puts")
        {
            ExpectArgumentCount(context, name, 1);
            evaluated = [];
        }
        else
        {
            evaluated = FormattedArguments(StringLiteralBytes(format), arguments, span);
        }

        _externalsCalled.TryAdd(name, new ExternalFunction(name, ScalarType.Int, prototype.Span));
        _callsOfCurrentFunction.Add((name, span));
        return new CallExpr(name, [.. evaluated], span);
    }

    /// <summary>The arguments that a <c>printf</c> format of <paramref name="format"/> takes, converted, each checked against its conversion.</summary>
    private List<Expr> FormattedArguments(List<byte> format, ExprContext[] arguments, SourceSpan span)
    {
        var result = new List<Expr>();
        var next = 1;
        for (var i = 0; i < format.Count; i++)
        {
            if (format[i] != '%')
            {
                continue;
            }

            var start = i++;
            while (i < format.Count && "-+ #0".Contains((char)format[i]))
            {
                i++;
            }

            while (i < format.Count && char.IsAsciiDigit((char)format[i]))
            {
                i++;
            }

            if (i < format.Count && format[i] == '.')
            {
                i++;
                while (i < format.Count && char.IsAsciiDigit((char)format[i]))
                {
                    i++;
                }
            }

            var lengthStart = i;
            while (i < format.Count && "hlz".Contains((char)format[i]))
            {
                i++;
            }

            var length = System.Text.Encoding.ASCII.GetString([.. format.Skip(lengthStart).Take(i - lengthStart)]);
            var conversion = i < format.Count ? (char)format[i] : '\0';
            var specification = System.Text.Encoding.ASCII.GetString([.. format.Skip(start).Take(i - start + 1)]);
            if (conversion == '%' && i == start + 1)
            {
                continue;
            }

            var accepted = AcceptedTypes(conversion, length);
            if (accepted is null)
            {
                throw SourceException.Unsupported(span, $"the conversion '{specification}' of a printf format");
            }

            if (next >= arguments.Length)
            {
                throw SourceException.Unsupported(span, $"a printf format with more conversions than arguments (undefined behaviour) at '{specification}'");
            }

            var argument = arguments[next++];
            if (conversion == 's')
            {
                if (StringLiteralOf(argument) is null)
                {
                    throw SourceException.Unsupported(At(argument), "a '%s' argument of printf other than a string literal");
                }

                continue;
            }

            var converted = Convert(argument);
            if (EvidentType(converted) is not { } type)
            {
                throw SourceException.Unsupported(At(argument), "a printf argument whose type the text does not show (a variable, a constant or a cast)");
            }

            if (!accepted.Contains(CTypeRules.Promote(type)))
            {
                throw SourceException.Unsupported(At(argument), $"a printf argument of another type than '{specification}' takes (undefined behaviour)");
            }

            result.Add(converted);
        }

        // Arguments beyond the format are evaluated and otherwise ignored (C11 7.21.6.1p2).
        result.AddRange(arguments.Skip(next).Select(Convert));
        return result;
    }

    /// <summary>The promoted argument types that a conversion with a length modifier takes; null when it is outside the subset.</summary>
    private ScalarType[]? AcceptedTypes(char conversion, string length)
    {
        var unsignedInt = ScalarType.UInt;
        return (conversion, length) switch
        {
            ('d' or 'i' or 'c', "") => [ScalarType.Int],
            ('d' or 'i', "h" or "hh") => [ScalarType.Int],
            ('u' or 'o' or 'x' or 'X', "") => [unsignedInt],

            // An unsigned char or short argument is promoted to int.
            ('u' or 'o' or 'x' or 'X', "h" or "hh") => [ScalarType.Int, unsignedInt],
            ('d' or 'i', "l") => [CTypeRules.Long(dataModel)],
            ('u' or 'o' or 'x' or 'X', "l") => [CTypeRules.ULong(dataModel)],
            ('d' or 'i', "ll") => [ScalarType.LongLong],
            ('u' or 'o' or 'x' or 'X', "ll") => [ScalarType.ULongLong],
            ('u' or 'o' or 'x' or 'X', "z") => [CTypeRules.ULong(dataModel)],
            ('s', "") => [],
            _ => null,
        };
    }

    /// <summary>
    /// The C type of an argument built of variables, constants, casts, array elements and the arithmetic, bitwise,
    /// comparison, logical and conditional operators, by the promotions and the usual arithmetic conversions; null for
    /// anything else.
    /// </summary>
    private ScalarType? EvidentType(Expr converted) => converted switch
    {
        IntLiteral literal => literal.Type,
        CastExpr cast => cast.Type,
        VarRef variable => _scopes.VariableType(variable.Name),
        ArrayReadExpr element => element.ElementType,
        UnaryExpr { Op: UnaryOp.Not } => ScalarType.Int,
        UnaryExpr { Op: UnaryOp.Negate or UnaryOp.BitNot } unary => EvidentType(unary.Operand) is { } operand ? CTypeRules.Promote(operand) : null,
        BinaryExpr { Op: BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge or BinaryOp.Eq or BinaryOp.Ne or BinaryOp.And or BinaryOp.Or } => ScalarType.Int,
        BinaryExpr { Op: BinaryOp.ShiftLeft or BinaryOp.ShiftRight } shift => EvidentType(shift.Left) is { } left ? CTypeRules.Promote(left) : null,
        BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Rem or BinaryOp.BitAnd or BinaryOp.BitOr or BinaryOp.BitXor } binary
            => EvidentType(binary.Left) is { } left && EvidentType(binary.Right) is { } right ? CTypeRules.CommonType(left, right) : null,
        ConditionalExpr conditional => EvidentType(conditional.Then) is { } then && EvidentType(conditional.Else) is { } otherwise ? CTypeRules.CommonType(then, otherwise) : null,
        _ => null,
    };
}
