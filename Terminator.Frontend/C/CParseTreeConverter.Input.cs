using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// <c>scanf</c> of <c>&lt;stdio.h&gt;</c> with integer conversions into integer variables, as C defines it for any input
/// (C11 7.21.6.2): the format a string literal whose conversions are <c>%d %i %u %o %x %X</c> with the length modifiers
/// <c>hh h l ll</c> (and <c>z</c> for the unsigned ones), without widths or assignment suppression, each taking the
/// address <c>&amp;x</c> of a variable of the type it stores. The call reads input that the analysis does not know, so
/// it converts the items in order while the input matches: the first j items (0 to all of them) get arbitrary values of
/// their types, the others keep theirs, and the call returns j, or EOF (-1) when the input fails before the first
/// conversion. A number that does not fit its object is undefined behaviour (7.21.6.2p10), so each conversion may
/// reach it. Every choice is a nondeterministic value of the run, which a witness gives. Like the output functions, the
/// call is assumed to return (an interactive program waits for its input). Anything else (<c>%c</c>, <c>%s</c>,
/// <c>%[</c>, <c>%n</c>, floating conversions, widths, <c>%*d</c>, another argument than the address of a variable of
/// the conversion's type) is refused.
/// </summary>
internal sealed partial class CParseTreeConverter
{
    /// <summary>The value <c>scanf</c> returns when the input fails before the first conversion (glibc's, and every common C library's).</summary>
    private const int EndOfFile = -1;

    /// <summary>Whether <paramref name="name"/> is the input function read by <see cref="ConvertScanf"/>.</summary>
    private static bool IsInputFunction(string name) => name == "scanf";

    /// <summary>An object that a conversion stores into: its name in answers, its type, and the store of a value.</summary>
    private sealed record ScanTarget(string Name, ScalarType Type, Func<Expr, Expr> Store, SourceSpan Span);

    /// <summary>
    /// The identifiers whose address the function being converted takes only as arguments of the library's
    /// <c>scanf</c> (<c>&amp;x</c>): such a variable stays a variable, which the call assigns, rather than an object of
    /// one element, since nothing else can reach it through the address; its address is taken all the same, so a read
    /// before a store gives an arbitrary value of its type (C11 6.3.2.1p2 does not apply).
    /// </summary>
    private HashSet<string> _scannedNames = [];

    /// <summary>The names of the variables whose address <paramref name="body"/> takes only as arguments of scanf (see <see cref="_scannedNames"/>).</summary>
    private HashSet<string> ScannedIdentifiers(Antlr4.Runtime.Tree.IParseTree body)
    {
        if (!_prototypes.ContainsKey("scanf") || _definedFunctionArity.ContainsKey("scanf"))
        {
            return [];
        }

        var scanned = Descendants(body)
            .OfType<CallContext>()
            .Where(call => CalleeName(call) == "scanf")
            .SelectMany(call => call.argumentList()?.expr().Skip(1) ?? [])
            .Select(StripParentheses)
            .OfType<UnaryContext>()
            .ToHashSet();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var elsewhere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var address in Descendants(body).OfType<UnaryContext>().Where(unary => unary.op.Text == "&"))
        {
            if (IdentifierOf(StripParentheses(address.expr()))?.GetText() is { } name)
            {
                (scanned.Contains(address) ? names : elsewhere).Add(name);
            }
        }

        names.ExceptWith(elsewhere);
        return names;
    }

    private SequenceExpr ConvertScanf(CallContext context, string name, Prototype prototype, SourceSpan span)
    {
        var arguments = context.argumentList()?.expr() ?? [];
        if (arguments.Length == 0 || StringLiteralOf(arguments[0]) is not { } literal)
        {
            throw SourceException.Unsupported(span, $"'{name}' with a format other than a string literal");
        }

        var format = StringLiteralBytes(literal);
        var targets = new List<ScanTarget>();
        for (var i = 0; i < format.Count; i++)
        {
            if (format[i] != '%')
            {
                continue;
            }

            var start = i++;
            if (i < format.Count && format[i] == '%')
            {
                continue;
            }

            var suppressed = i < format.Count && format[i] == '*';
            var widthStart = suppressed ? ++i : i;
            while (i < format.Count && char.IsAsciiDigit((char)format[i]))
            {
                i++;
            }

            var width = i > widthStart;
            var (length, conversion, specification) = Conversion(format, start, ref i);
            if (suppressed || width)
            {
                // A width bounds the number read, so that it may always fit (which the choices below do not say).
                throw SourceException.Unsupported(span, $"{(suppressed ? "assignment suppression" : "a width")} in the scanf conversion '{specification}'");
            }

            var type = ScannedType(conversion, length)
                ?? throw SourceException.Unsupported(span, $"the conversion '{specification}' of a scanf format");
            if (targets.Count + 1 >= arguments.Length)
            {
                throw SourceException.Unsupported(span, $"a scanf format with more conversions than arguments (undefined behaviour) at '{specification}'");
            }

            targets.Add(ScanTargetOf(arguments[targets.Count + 1], type, specification));
        }

        if (targets.Count + 1 < arguments.Length)
        {
            throw SourceException.Unsupported(At(arguments[targets.Count + 1]), "a scanf argument beyond the conversions of its format");
        }

        // The call of the external function only states the assumption that it returns; the items and the count are
        // the nondeterministic choices below, so it draws no value.
        _externalsCalled.TryAdd(name, new ExternalFunction(name, ScalarType.Void, prototype.Span));
        _callsOfCurrentFunction.Add((name, span));
        return new SequenceExpr(new CallExpr(name, [], span), Converted(0), span);

        // What the call does from conversion j on: it converts the item, or stops and returns the count.
        Expr Converted(int j)
        {
            if (j == targets.Count)
            {
                return Count(j);
            }

            var target = targets[j];
            var unrepresentable = new ConditionalExpr(
                Choice(),
                new UndefinedExpr(Count(0), $"scanf read a number that does not fit '{target.Name}' ({target.Type}), C11 7.21.6.2p10", target.Span),
                Count(0),
                target.Span);
            var converted = new SequenceExpr(new SequenceExpr(unrepresentable, target.Store(new NondetExpr(target.Type, target.Span)), target.Span), Converted(j + 1), span);
            Expr stopped = j == 0 ? new ConditionalExpr(Choice(), Count(EndOfFile), Count(0), span) : Count(j);
            return new ConditionalExpr(Choice(), converted, stopped, span);
        }

        NondetExpr Choice() => new(ScalarType.Bool, span);

        IntLiteral Count(int value) => new(value, ScalarType.Int, span);
    }

    /// <summary>The type of the object that a scanf conversion with a length modifier stores into; null when it is outside the subset.</summary>
    private ScalarType? ScannedType(char conversion, string length)
    {
        var signed = conversion is 'd' or 'i';
        if (!signed && conversion is not ('u' or 'o' or 'x' or 'X'))
        {
            return null;
        }

        var kind = signed ? TypeKind.Signed : TypeKind.Unsigned;
        return length switch
        {
            "" => new ScalarType(kind, 32),
            "hh" => new ScalarType(kind, 8),
            "h" => new ScalarType(kind, 16),
            "l" => signed ? CTypeRules.Long(dataModel) : CTypeRules.ULong(dataModel),
            "ll" => new ScalarType(kind, 64),
            "z" when !signed => CTypeRules.ULong(dataModel),
            _ => null,
        };
    }

    /// <summary>The object that the scanf argument <paramref name="argument"/>, the address of an integer variable of <paramref name="type"/>, names.</summary>
    private ScanTarget ScanTargetOf(ExprContext argument, ScalarType type, string specification)
    {
        var span = At(argument);
        if (StripParentheses(argument) is not UnaryContext { op.Text: "&" } address
            || IdentifierOf(StripParentheses(address.expr())) is not { } identifier
            || _macros.ContainsKey(identifier.GetText()))
        {
            throw SourceException.Unsupported(span, $"a scanf argument for '{specification}' other than the address of an integer variable ('&x')");
        }

        var name = identifier.GetText();
        var (variableType, store) = _scopes.Lookup(name) switch
        {
            VariableSymbol variable => (variable.Type, (Func<Expr, Expr>)(value => new AssignExpr(variable.IrName, value, false, span))),
            AddressedVariableSymbol => throw SourceException.Unsupported(span, $"a scanf argument '&{name}' of a variable whose address the function takes elsewhere too"),
            _ => throw SourceException.Unsupported(span, $"a scanf argument for '{specification}' other than the address of an integer variable ('&x')"),
        };

        return variableType == type
            ? new ScanTarget(name, type, store, span)
            : throw SourceException.Unsupported(span, $"a scanf argument that points to another type than '{specification}' stores (undefined behaviour)");
    }
}
