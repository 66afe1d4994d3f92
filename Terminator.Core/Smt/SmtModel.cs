using Microsoft.Z3;
using Terminator.Core.Logic;

namespace Terminator.Core.Smt;

/// <summary>A satisfying assignment; valid until its <see cref="SmtSession"/> is disposed.</summary>
internal sealed class SmtModel
{
    private readonly Z3Translator translator;
    private readonly Model model;

    internal SmtModel(Z3Translator translator, Model model)
    {
        this.translator = translator;
        this.model = model;
    }

    /// <summary>
    /// The exact value of a term. Variables the model leaves open get a default (model completion). Throws
    /// <see cref="NotSupportedException"/> for irrational values (only possible with nonlinear Real constraints).
    /// </summary>
    public Rational Evaluate(Term t)
    {
        var value = translator.Own(model.Evaluate(translator.Translate(t), completion: true));
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
        var value = (BoolExpr)translator.Own(model.Evaluate(translator.Translate(f), completion: true));
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
