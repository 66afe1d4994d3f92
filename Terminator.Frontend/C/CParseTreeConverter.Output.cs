using System.Numerics;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// The output functions of <c>&lt;stdio.h&gt;</c> as statements: <c>printf</c>, <c>fprintf</c>, <c>puts</c>,
/// <c>fputs</c>, <c>putchar</c>, <c>fputc</c> and <c>putc</c> print and return, and change nothing the analysis
/// follows. A call is read when C defines it from what the program text shows: a stream argument <c>stdout</c> or
/// <c>stderr</c>; a format a string literal, each conversion one of <c>%d %i %u %o %x %X %c %s %%</c> with flags, a
/// constant width and precision and the length modifiers <c>hh h l ll z</c>, and each argument of a type evident from
/// the text (a variable, a constant, a cast) that is the type its conversion takes after the default argument
/// promotions (C11 7.21.6.1p9: any other is undefined behaviour); a character an integer. A string (<c>%s</c>, the
/// text of <c>puts</c> and <c>fputs</c>) is a string literal or a pointer into an array of characters, which the call
/// reads up to its terminator (or, for <c>%.Ns</c>, at most N characters: C11 7.21.6.1p8) through the library's
/// <see cref="LibraryFunctions.StringRead"/>, so that a string without its terminator, or a null pointer, is undefined
/// behaviour at the call. The call evaluates its arguments, as any call does, and then reads the strings. Its result
/// is not followed: the program may use only that of <c>putchar</c>, <c>fputc</c> and <c>putc</c>, the character
/// written or EOF (see <see cref="CharacterWritten"/>). Anything else (<c>%n</c>, <c>%p</c>, floating conversions,
/// <c>*</c> widths, another stream, the result of another output function used as a value) is refused.
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>
    /// Where an output function takes its arguments (indices into the argument list; null when it takes no such one):
    /// the stream, the format (whose conversions take the arguments after it), the string, the character.
    /// </summary>
    private sealed record OutputShape(int Arity, int? Stream = null, int? Format = null, int? Text = null, int? Character = null);

    /// <summary>The output functions read as statements (see the class comment). An arity of -1 takes any number of arguments.</summary>
    private static readonly Dictionary<string, OutputShape> OutputFunctions = new(StringComparer.Ordinal)
    {
        ["printf"] = new(-1, Format: 0),
        ["fprintf"] = new(-1, Stream: 0, Format: 1),
        ["puts"] = new(1, Text: 0),
        ["fputs"] = new(2, Text: 0, Stream: 1),
        ["putchar"] = new(1, Character: 0),
        ["fputc"] = new(2, Character: 0, Stream: 1),
        ["putc"] = new(2, Character: 0, Stream: 1),
    };

    /// <summary>Whether <paramref name="name"/> is one of the output functions read as statements (see the class comment).</summary>
    private static bool IsOutputFunction(string name) => OutputFunctions.ContainsKey(name);

    private Expr ConvertOutput(CallContext context, string name, Prototype prototype, SourceSpan span)
    {
        var shape = OutputFunctions[name];
        var used = !ReferenceEquals(context, _discardedCall);
        if (used && shape.Character is null)
        {
            // It counts the characters written, or is a nonnegative value, or EOF on an output error.
            throw SourceException.Unsupported(span, $"the result of '{name}' used as a value");
        }

        var arguments = context.argumentList()?.expr() ?? [];
        if (shape.Arity >= 0)
        {
            ExpectArgumentCount(context, name, shape.Arity);
        }

        if (shape.Stream is { } stream && (stream >= arguments.Length || !IsStandardStream(arguments[stream])))
        {
            throw SourceException.Unsupported(stream < arguments.Length ? At(arguments[stream]) : span, $"a stream argument of '{name}' other than stdout or stderr");
        }

        var evaluated = new List<Expr>();
        var strings = new List<Expr>();
        if (shape.Format is { } formatIndex)
        {
            if (formatIndex >= arguments.Length || StringLiteralOf(arguments[formatIndex]) is not { } format)
            {
                throw SourceException.Unsupported(span, $"'{name}' with a format other than a string literal");
            }

            FormattedArguments(name, StringLiteralBytes(format), arguments, formatIndex + 1, evaluated, strings, span);
        }

        if (shape.Text is { } text && StringRead(arguments[text], null, $"the string argument of '{name}'") is { } read)
        {
            strings.Add(read);
        }

        if (shape.Character is { } character)
        {
            // The character is converted to int, as the prototype says, then to unsigned char (C11 7.21.7.3).
            evaluated.Add(Convert(arguments[character]));
        }

        // The call of the external function states the assumption that it returns; what it returns is not drawn.
        _externalsCalled.TryAdd(name, new ExternalFunction(name, ScalarType.Void, prototype.Span));
        _callsOfCurrentFunction.Add((name, span));
        Expr call = new CallExpr(name, [.. evaluated], span);
        if (used)
        {
            return new SequenceExpr(call, CharacterWritten(arguments[shape.Character!.Value], name, span), span);
        }

        if (strings.Count == 0)
        {
            return call;
        }

        // The strings are read after every argument is evaluated; their pointers are evaluated again there, which is
        // the same only when no argument has side effects.
        if (evaluated.Concat(strings).Any(HasSideEffectsBesidesStringReads))
        {
            throw SourceException.Unsupported(span, $"a call of '{name}' that prints a string through a pointer and has arguments with side effects");
        }

        return strings.Aggregate(call, (before, stringRead) => new SequenceExpr(before, stringRead, span));
    }

    /// <summary>
    /// What <c>putchar</c>, <c>fputc</c> and <c>putc</c> return (C11 7.21.7.3): the character written, converted to
    /// <c>unsigned char</c> and back to <c>int</c>, or EOF on an output error, a choice of the run. The character, which
    /// the call has evaluated, is evaluated again, which is the same only when it has no side effects.
    /// </summary>
    private ConditionalExpr CharacterWritten(ExprContext argument, string name, SourceSpan span)
    {
        var character = Convert(argument);
        if (HasSideEffects(character))
        {
            throw SourceException.Unsupported(span, $"the result of '{name}' used as a value, of a character with side effects");
        }

        var written = new CastExpr(ScalarType.Int, new CastExpr(ByteType, character, span), span);
        return new ConditionalExpr(new NondetExpr(ScalarType.Bool, span), written, new IntLiteral(EndOfFile, ScalarType.Int, span), span);
    }

    /// <summary>
    /// Whether an argument has side effects: a call of a library function that only reads (the string read that
    /// <see cref="StringRead"/> makes, <c>strlen</c>, <c>strcmp</c>, ...) has none of its own.
    /// </summary>
    private bool HasSideEffectsBesidesStringReads(Expr argument) =>
        IrWalker.Expressions(new ExprStmt(argument, argument.Span)).Any(e => e switch
        {
            CallExpr call => !(_libraryFunctions.Contains(call.Callee) && LibraryFunctions.ReadsOnly(call.Callee)),
            AssignExpr or ArrayAssignExpr or NondetExpr or FieldAssignExpr => true,
            _ => false,
        });

    /// <summary>
    /// <c>stdout</c> or <c>stderr</c> of <c>&lt;stdio.h&gt;</c>: the name, unless the program declares a variable of
    /// that name (the header's declaration, a pointer to <c>FILE</c> at file scope, is outside the subset).
    /// </summary>
    private bool IsStandardStream(ExprContext argument) =>
        IdentifierOf(StripParentheses(argument)) is { } identifier
        && identifier.GetText() is "stdout" or "stderr"
        && _scopes.Lookup(identifier.GetText()) is null or RefusedSymbol;

    /// <summary>
    /// The read of a string that an output function prints: null for a string literal, which needs none; for a pointer
    /// into an array of characters, a call of <see cref="LibraryFunctions.StringRead"/> (or, with a
    /// <paramref name="precision"/>, of <see cref="LibraryFunctions.StringPrefixRead"/>), which reads the characters up
    /// to the terminator (at most <paramref name="precision"/> of them) and is undefined behaviour where C's output
    /// function reads past the array's end; a pointer that may be null is checked first (C11 7.1.4).
    /// </summary>
    private CallExpr? StringRead(ExprContext argument, BigInteger? precision, string what)
    {
        if (StringLiteralOf(argument) is not null)
        {
            return null;
        }

        var span = At(argument);
        var pointer = PointerOf(argument)
            ?? throw SourceException.Unsupported(span, $"{what} other than a string literal or a pointer into an array of characters");
        if (!IsCharacterType(pointer.ElementType) || !IsCharacterType(pointer.ObjectType))
        {
            throw SourceException.Unsupported(span, $"{what} that points to '{pointer.ElementType}' in an array of '{pointer.ObjectType}', not to characters");
        }

        if (pointer.MayBeNull)
        {
            pointer = pointer with { Offset = new NullCheckExpr(pointer.Offset, span), MayBeNull = false };
        }

        if (precision > int.MaxValue)
        {
            throw SourceException.Unsupported(span, $"a precision of '%s' above INT_MAX");
        }

        var reader = precision is null ? LibraryFunctions.StringRead : LibraryFunctions.StringPrefixRead;
        if (!_libraryFunctions.Contains(reader))
        {
            throw SourceException.Unsupported(span, $"a string printed through a pointer in a file that defines its own '{reader}'");
        }

        _callsOfCurrentFunction.Add((reader, span));
        Expr[] readArguments = precision is { } count
            ? [pointer.Argument(), new IntLiteral(count, CTypeRules.ULong(dataModel), span)]
            : [pointer.Argument()];
        return new CallExpr(reader, [.. readArguments], span);
    }

    /// <summary>
    /// The arguments that a format of <paramref name="function"/>, <paramref name="format"/>, takes, from <paramref name="first"/> on:
    /// converted into <paramref name="evaluated"/>, each checked against its conversion, and the reads of the strings
    /// that <c>%s</c> prints into <paramref name="strings"/>.
    /// </summary>
    private void FormattedArguments(string function, List<byte> format, ExprContext[] arguments, int first, List<Expr> evaluated, List<Expr> strings, SourceSpan span)
    {
        var next = first;
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

            BigInteger? precision = null;
            if (i < format.Count && format[i] == '.')
            {
                var digits = ++i;
                while (i < format.Count && char.IsAsciiDigit((char)format[i]))
                {
                    i++;
                }

                // A precision of only '.' is zero (C11 7.21.6.1p4).
                precision = i == digits ? BigInteger.Zero : BigInteger.Parse(Text(format, digits, i), System.Globalization.CultureInfo.InvariantCulture);
            }

            var (length, conversion, specification) = Conversion(format, start, ref i);
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
                if (StringRead(argument, precision, $"a '%s' argument of '{function}'") is { } read)
                {
                    strings.Add(read);
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

            evaluated.Add(converted);
        }

        // Arguments beyond the format are evaluated and otherwise ignored (C11 7.21.6.1p2).
        evaluated.AddRange(arguments.Skip(next).Select(Convert));
    }

    /// <summary>
    /// The length modifier (<c>hh h l ll z</c>) and the conversion character of a format directive whose modifier
    /// starts at <paramref name="i"/>, which moves to the conversion, and the directive's text from
    /// <paramref name="start"/> (its <c>%</c>) through the conversion; the conversion is <c>'\0'</c> at the format's end.
    /// </summary>
    private static (string Length, char Conversion, string Specification) Conversion(List<byte> format, int start, ref int i)
    {
        var lengthStart = i;
        while (i < format.Count && "hlz".Contains((char)format[i]))
        {
            i++;
        }

        var conversion = i < format.Count ? (char)format[i] : '\0';
        return (Text(format, lengthStart, i), conversion, Text(format, start, Math.Min(i + 1, format.Count)));
    }

    /// <summary>The characters of <paramref name="format"/> from <paramref name="from"/> up to <paramref name="to"/>.</summary>
    private static string Text(List<byte> format, int from, int to) => System.Text.Encoding.ASCII.GetString([.. format.Skip(from).Take(to - from)]);

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
    /// The C type of an argument built of variables, constants, casts, array elements, calls of functions converted
    /// before (<c>strlen(s)</c> is an <c>unsigned long</c>) or declared, and the arithmetic, bitwise, comparison,
    /// logical and conditional operators, by the promotions and the usual arithmetic conversions; null for anything else.
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
        CallExpr call when !_pointerResultFunctions.Contains(call.Callee) => ResultType(call.Callee),
        _ => null,
    };

    /// <summary>The integer type that a call of <paramref name="callee"/> gives: its converted definition's or its declaration's; null when neither is known or it gives none.</summary>
    private ScalarType? ResultType(string callee)
    {
        var type = _functions.FirstOrDefault(f => f.Name == callee)?.ReturnType
            ?? (_externalsCalled.TryGetValue(callee, out var external) ? external.ReturnType : null);
        return type is { IsMachineInteger: true } ? type : null;
    }
}
