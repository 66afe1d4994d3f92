using System.Text.RegularExpressions;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Terminator.Core.Ir;

namespace Terminator.Frontend.C;

/// <summary>
/// Replaces ANTLR's console listener: the first lexer or parser error becomes a SourceException, so nothing is
/// printed and no half-recovered parse tree reaches the converter. ANTLR's own wording (token names, "no viable
/// alternative", sets of thirty expected tokens) is rewritten into a plain sentence.
/// </summary>
/// <param name="fileName">The file the positions name.</param>
/// <param name="lines">Maps positions of preprocessed text back into the file.</param>
/// <param name="blockComments">The language has <c>/* */</c> comments, so a lone <c>/*</c> is an unterminated one.</param>
internal sealed partial class SyntaxErrorListener(string fileName, LineMap? lines = null, bool blockComments = false) : IAntlrErrorListener<IToken>, IAntlrErrorListener<int>
{
    /// <summary>At most this many expected tokens are listed; a longer list says nothing a reader can use.</summary>
    private const int MaxListedExpectations = 4;

    /// <inheritdoc />
    public void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
        int charPositionInLine, string msg, RecognitionException e)
    {
        if (blockComments && recognizer is Parser { InputStream: BufferedTokenStream tokens } && UnterminatedComment(tokens) is { } start)
        {
            throw Error(start.Line, start.Column, "unterminated comment starting here (a '/*' without its '*/')");
        }

        throw Error(line, charPositionInLine, ParserMessage(msg, offendingSymbol));
    }

    /// <inheritdoc />
    public void SyntaxError(TextWriter output, IRecognizer recognizer, int offendingSymbol, int line,
        int charPositionInLine, string msg, RecognitionException e) => throw Error(line, charPositionInLine, LexerMessage(msg));

    private SourceException Error(int line, int charPositionInLine, string message) =>
        new(lines?.Map(line, charPositionInLine + 1) ?? new SourceSpan(fileName, line, charPositionInLine + 1), $"syntax error: {message}");

    /// <summary>A parser error in words: what was found, and what was expected when that is short enough to help.</summary>
    internal static string ParserMessage(string antlr, IToken? offending)
    {
        if (Missing().Match(antlr) is { Success: true } missing)
        {
            var expected = Join(Expectations(missing.Groups[1].Value));
            return expected == "an indented block"
                ? "expected an indented block"
                : $"expected {expected} before {WithArticle(Found(offending, missing.Groups[2].Value))}";
        }

        if (Unexpected().Match(antlr) is { Success: true } unexpected)
        {
            var found = Found(offending, unexpected.Groups[1].Value);
            var expectations = Expectations(unexpected.Groups[2].Value);
            if (offending?.Type == TokenConstants.EOF)
            {
                return $"unexpected end of file (a closing '}}', ')' or the end of a statement may be missing)";
            }

            return expectations.Count is > 0 and <= MaxListedExpectations
                ? $"unexpected {found}; expected {Join(expectations)}"
                : $"unexpected {found}";
        }

        if (NoViableAlternative().IsMatch(antlr))
        {
            return offending?.Type == TokenConstants.EOF ? "unexpected end of file" : $"unexpected {Found(offending, "")}";
        }

        return antlr;
    }

    /// <summary>A lexer error in words: the character that starts no token.</summary>
    internal static string LexerMessage(string antlr) =>
        TokenRecognition().Match(antlr) is { Success: true } match
            ? $"unexpected character '{match.Groups[1].Value}'"
            : antlr;

    /// <summary>What ANTLR found, from the token itself: its text in quotes, or a phrase for the end of a line or file.</summary>
    private static string Found(IToken? token, string antlrText)
    {
        var text = token?.Type == TokenConstants.EOF ? "<EOF>" : token?.Text ?? antlrText.Trim('\'');
        return text switch
        {
            "<EOF>" => "end of file",
            "<NEWLINE>" or "\n" or "\r\n" or "\r" => "end of line",
            _ when text.Length > 0 && text.Trim().Length == 0 => "end of line",
            _ => $"'{text.ReplaceLineEndings(" ")}'",
        };
    }

    private static string WithArticle(string found) => found switch
    {
        "end of line" => "the end of the line",
        "end of file" => "the end of the file",
        _ => found,
    };

    /// <summary>One expected token in words.</summary>
    private static string Expected(string antlrName) => antlrName switch
    {
        "INDENT" => "an indented block",
        "DEDENT" => "the end of the indented block",
        "NEWLINE" or "'<NEWLINE>'" => "the end of the line",
        "Identifier" or "NAME" => "a name",
        "IntegerConstant" or "INTEGER" => "a number",
        "<EOF>" => "the end of the file",
        _ => antlrName,
    };

    /// <summary>The tokens of an ANTLR expectation (<c>';'</c> or <c>{':', '->'}</c>), in words.</summary>
    private static List<string> Expectations(string antlrSet)
    {
        var inner = antlrSet.StartsWith('{') && antlrSet.EndsWith('}') ? antlrSet[1..^1] : antlrSet;
        return [.. ExpectationItem().Matches(inner).Select(m => Expected(m.Value))];
    }

    private static string Join(List<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} or {items[^1]}";

    /// <summary>
    /// Where an unterminated <c>/*</c> starts: the lexer's comment rule never matched it, so it left a <c>/</c> token
    /// directly followed by <c>*</c>, which a comment would have swallowed had it been closed.
    /// </summary>
    private static (int Line, int Column)? UnterminatedComment(BufferedTokenStream tokens)
    {
        foreach (var token in tokens.GetTokens())
        {
            if (token is { Text: "/" } && token.InputStream is { } input && token.StopIndex + 1 < input.Size
                && input.GetText(Interval.Of(token.StopIndex + 1, token.StopIndex + 1)) == "*")
            {
                return (token.Line, token.Column);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^missing (.+) at (.+)$", RegexOptions.Singleline)]
    private static partial Regex Missing();

    [GeneratedRegex(@"^(?:extraneous|mismatched) input (.+) expecting (.+)$", RegexOptions.Singleline)]
    private static partial Regex Unexpected();

    [GeneratedRegex(@"^no viable alternative at input ", RegexOptions.Singleline)]
    private static partial Regex NoViableAlternative();

    [GeneratedRegex(@"^token recognition error at: '(.*)'$", RegexOptions.Singleline)]
    private static partial Regex TokenRecognition();

    /// <summary>One item of an expectation set: a quoted literal (which may hold a comma) or a token name.</summary>
    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'|[^\s,{}]+")]
    private static partial Regex ExpectationItem();
}
