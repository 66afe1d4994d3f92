using Antlr4.Runtime;
using Terminator.Core.Ir;

namespace Terminator.Frontend.Generated;

/// <summary>
/// The superclass of the generated MiniPyLexer: turns its raw NEWLINE tokens (a line break plus the next line's
/// leading whitespace) into Python's NEWLINE, INDENT and DEDENT tokens. Blank and comment-only lines produce nothing,
/// line breaks inside brackets are ignored (implicit line joining), and at the end of input the open blocks are closed.
/// </summary>
/// <remarks>It lives in the generated code's namespace because the generated lexer names it without a namespace.</remarks>
internal abstract class MiniPyLexerBase : Lexer
{
    private readonly Queue<IToken> pending = new();
    private readonly Stack<int> indents = new([0]);
    private int bracketDepth;
    private bool atLineStart = true;
    // The whitespace character that indentation uses, once seen: Python refuses files that mix tabs and spaces.
    private char? indentCharacter;

    /// <summary>Creates the lexer over <paramref name="input"/>.</summary>
    protected MiniPyLexerBase(ICharStream input)
        : base(input)
    {
    }

    /// <summary>Creates the lexer over <paramref name="input"/> with ANTLR's output writers.</summary>
    protected MiniPyLexerBase(ICharStream input, TextWriter output, TextWriter errorOutput)
        : base(input, output, errorOutput)
    {
    }

    /// <summary>The file name that indentation errors carry.</summary>
    public string FileName { get; set; } = "<input>";

    /// <inheritdoc />
    public override IToken NextToken()
    {
        while (pending.Count == 0)
        {
            Produce();
        }

        return pending.Dequeue();
    }

    private void Produce()
    {
        var token = base.NextToken();
        if (token.Type == MiniPyLexer.NEWLINE)
        {
            if (bracketDepth > 0 || atLineStart)
            {
                // Inside brackets a line break is whitespace; at the start of a line it ends a blank line.
                return;
            }

            // Skip the blank and comment-only lines that follow: the indentation that counts is the last line's.
            var indentation = token;
            var next = base.NextToken();
            while (next.Type == MiniPyLexer.NEWLINE)
            {
                indentation = next;
                next = base.NextToken();
            }

            pending.Enqueue(Synthesize(MiniPyLexer.NEWLINE, "<NEWLINE>", token));
            if (next.Type == Eof)
            {
                Finish(next);
                return;
            }

            Indent(Whitespace(indentation.Text), next);
            Accept(next);
            return;
        }

        if (token.Type == Eof)
        {
            if (!atLineStart)
            {
                pending.Enqueue(Synthesize(MiniPyLexer.NEWLINE, "<NEWLINE>", token));
            }

            Finish(token);
            return;
        }

        if (atLineStart && token.Column > 0 && indents.Count == 1)
        {
            // The first line of the file is indented.
            throw new SourceException(new SourceSpan(FileName, token.Line, token.Column + 1), "unexpected indentation");
        }

        Accept(token);
    }

    private void Accept(IToken token)
    {
        atLineStart = false;
        switch (token.Type)
        {
            case MiniPyLexer.OPEN_PAREN or MiniPyLexer.OPEN_BRACKET or MiniPyLexer.OPEN_BRACE:
                bracketDepth++;
                break;
            case MiniPyLexer.CLOSE_PAREN or MiniPyLexer.CLOSE_BRACKET or MiniPyLexer.CLOSE_BRACE:
                bracketDepth = Math.Max(0, bracketDepth - 1);
                break;
        }

        pending.Enqueue(token);
    }

    private void Indent(string whitespace, IToken next)
    {
        var where = new SourceSpan(FileName, next.Line, next.Column + 1);
        foreach (var c in whitespace)
        {
            indentCharacter ??= c;
            if (c != indentCharacter)
            {
                throw new SourceException(where, "inconsistent indentation: tabs and spaces are mixed");
            }
        }

        var width = whitespace.Length;
        if (width > indents.Peek())
        {
            indents.Push(width);
            pending.Enqueue(Synthesize(MiniPyLexer.INDENT, "<INDENT>", next));
            return;
        }

        while (width < indents.Peek())
        {
            indents.Pop();
            pending.Enqueue(Synthesize(MiniPyLexer.DEDENT, "<DEDENT>", next));
        }

        if (width != indents.Peek())
        {
            throw new SourceException(where, "inconsistent indentation: this line's indentation matches no enclosing block");
        }
    }

    private void Finish(IToken eof)
    {
        while (indents.Count > 1)
        {
            indents.Pop();
            pending.Enqueue(Synthesize(MiniPyLexer.DEDENT, "<DEDENT>", eof));
        }

        pending.Enqueue(eof);
    }

    private static string Whitespace(string newlineText) => newlineText.TrimStart('\r', '\n');

    private CommonToken Synthesize(int type, string text, IToken at) =>
        new(type, text) { Line = at.Line, Column = at.Column, TokenIndex = -1, StartIndex = at.StartIndex, StopIndex = at.StartIndex - 1 };
}
