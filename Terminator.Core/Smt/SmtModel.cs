using Microsoft.Z3;
using Terminator.Core.Logic;

namespace Terminator.Core.Smt;

/// <summary>A satisfying assignment; valid until its <see cref="SmtSession"/> is disposed.</summary>
internal sealed class SmtModel
{
    private readonly Z3Translator translator;
    private readonly Model model;
    private readonly Func<Z3Exception, Exception> failed;

    internal SmtModel(Z3Translator translator, Model model, Func<Z3Exception, Exception> failed)
    {
        this.translator = translator;
        this.model = model;
        this.failed = failed;
    }

    /// <summary>Evaluates with model completion; a Z3 failure becomes the session's failure (cancellation or <see cref="SolverFailedException"/>).</summary>
    private Expr Value(Expr e)
    {
        try
        {
            return translator.Own(model.Evaluate(e, completion: true));
        }
        catch (Z3Exception z)
        {
            throw failed(z);
        }
    }

    /// <summary>
    /// The exact value of a term. Variables the model leaves open get a default (model completion). Throws
    /// <see cref="NotSupportedException"/> for irrational values (only possible with nonlinear Real constraints).
    /// </summary>
    public Rational Evaluate(Term t)
    {
        var value = Value(translator.Translate(t));
        return value switch
        {
            IntNum i => new Rational(i.BigInteger, 1),
            RatNum r => new Rational(r.BigIntNumerator, r.BigIntDenominator),
            AlgebraicNum => throw new NotSupportedException($"The value of {t} is irrational ({value})."),
            _ => throw new InvalidOperationException($"Z3 gave no numeral for {t}: {value}."),
        };
    }

    /// <summary>The truth value of a formula in the model (with model completion).</summary>
    public bool Evaluate(Formula f)
    {
        var value = (BoolExpr)Value(translator.Translate(f));
        if (value.IsTrue)
        {
            return true;
        }

        if (value.IsFalse)
        {
            return false;
        }

        throw new InvalidOperationException($"Z3 could not evaluate {f} to a truth value: {value}.");
    }
}
