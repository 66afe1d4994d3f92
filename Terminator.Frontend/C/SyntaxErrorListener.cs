using Antlr4.Runtime;
using Terminator.Core.Ir;

namespace Terminator.Frontend.C;

/// <summary>
/// Replaces ANTLR's console listener: the first lexer or parser error becomes a SourceException, so nothing is
/// printed and no half-recovered parse tree reaches the converter.
/// </summary>
internal sealed class SyntaxErrorListener(string fileName, LineMap? lines = null) : IAntlrErrorListener<IToken>, IAntlrErrorListener<int>
{
    /// <inheritdoc />
    public void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
        int charPositionInLine, string msg, RecognitionException e) => throw Error(line, charPositionInLine, msg);

    /// <inheritdoc />
    public void SyntaxError(TextWriter output, IRecognizer recognizer, int offendingSymbol, int line,
        int charPositionInLine, string msg, RecognitionException e) => throw Error(line, charPositionInLine, msg);

    private SourceException Error(int line, int charPositionInLine, string message) =>
        new(lines?.Map(line, charPositionInLine + 1) ?? new SourceSpan(fileName, line, charPositionInLine + 1), $"syntax error: {message}");
}
