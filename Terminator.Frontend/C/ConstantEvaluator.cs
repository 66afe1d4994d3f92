using System.Numerics;
using Terminator.Core.Ir;

namespace Terminator.Frontend.C;

/// <summary>
/// Evaluates integer constant expressions (enumerator values, <c>#define</c> bodies, global initializers) with C's
/// types: the usual arithmetic conversions, wrapping unsigned arithmetic, and an error on signed overflow.
/// </summary>
internal static class ConstantEvaluator
{
    /// <summary>The value and type of <paramref name="expression"/>, or a SourceException when it is not a constant.</summary>
    public static (BigInteger Value, ScalarType Type) Evaluate(Expr expression) => expression switch
    {
        IntLiteral literal => (literal.Value, literal.Type),
        CastExpr cast => (CTypeRules.Convert(Evaluate(cast.Operand).Value, cast.Type), cast.Type),
        UnaryExpr unary => EvaluateUnary(unary),
        BinaryExpr binary => EvaluateBinary(binary),
        ConditionalExpr conditional => EvaluateConditional(conditional),
        _ => throw new SourceException(expression.Span, "not an integer constant expression"),
    };

    private static (BigInteger, ScalarType) EvaluateUnary(UnaryExpr unary)
    {
        var (value, type) = Evaluate(unary.Operand);
        return unary.Op switch
        {
            UnaryOp.Negate => Checked(-value, CTypeRules.Promote(type), unary.Span),
            UnaryOp.Not => (value.IsZero ? 1 : 0, ScalarType.Int),
            UnaryOp.BitNot => (CTypeRules.Convert(-value - 1, CTypeRules.Promote(type)), CTypeRules.Promote(type)),
            _ => throw new SourceException(unary.Span, "not an integer constant expression"),
        };
    }

    private static (BigInteger, ScalarType) EvaluateConditional(ConditionalExpr conditional)
    {
        var (then, thenType) = Evaluate(conditional.Then);
        var (otherwise, elseType) = Evaluate(conditional.Else);
        var type = CTypeRules.CommonType(thenType, elseType);
        var chosen = Evaluate(conditional.Condition).Value.IsZero ? otherwise : then;
        return (CTypeRules.Convert(chosen, type), type);
    }

    private static (BigInteger, ScalarType) EvaluateBinary(BinaryExpr binary)
    {
        var (left, leftType) = Evaluate(binary.Left);
        if (binary.Op is BinaryOp.And or BinaryOp.Or)
        {
            // Short-circuit: the right operand need not be evaluable when the left one decides.
            var decided = binary.Op == BinaryOp.And ? left.IsZero : !left.IsZero;
            return decided
                ? (binary.Op == BinaryOp.Or ? 1 : 0, ScalarType.Int)
                : (Evaluate(binary.Right).Value.IsZero ? 0 : 1, ScalarType.Int);
        }

        var (right, rightType) = Evaluate(binary.Right);
        if (binary.Op is BinaryOp.ShiftLeft or BinaryOp.ShiftRight)
        {
            return Shift(binary, left, CTypeRules.Promote(leftType), right);
        }

        var type = CTypeRules.CommonType(leftType, rightType);
        left = CTypeRules.Convert(left, type);
        right = CTypeRules.Convert(right, type);
        if (binary.Op is BinaryOp.Div or BinaryOp.Rem && right.IsZero)
        {
            throw new SourceException(binary.Span, "division by zero in a constant expression");
        }

        static (BigInteger, ScalarType) Truth(bool value) => (value ? 1 : 0, ScalarType.Int);
        return binary.Op switch
        {
            BinaryOp.Add => Checked(left + right, type, binary.Span),
            BinaryOp.Sub => Checked(left - right, type, binary.Span),
            BinaryOp.Mul => Checked(left * right, type, binary.Span),
            // BigInteger division truncates toward zero and its remainder takes the dividend's sign, as in C.
            BinaryOp.Div => Checked(BigInteger.Divide(left, right), type, binary.Span),
            BinaryOp.Rem => Checked(BigInteger.Remainder(left, right), type, binary.Span),
            BinaryOp.Lt => Truth(left < right),
            BinaryOp.Le => Truth(left <= right),
            BinaryOp.Gt => Truth(left > right),
            BinaryOp.Ge => Truth(left >= right),
            BinaryOp.Eq => Truth(left == right),
            BinaryOp.Ne => Truth(left != right),
            // On values of the type, BigInteger's two's complement operators give the type's own bits.
            BinaryOp.BitAnd => (left & right, type),
            BinaryOp.BitOr => (left | right, type),
            BinaryOp.BitXor => (left ^ right, type),
            _ => throw new SourceException(binary.Span, "not an integer constant expression"),
        };
    }

    /// <summary>A shift in the left operand's promoted type, with C's undefined cases as errors.</summary>
    private static (BigInteger, ScalarType) Shift(BinaryExpr binary, BigInteger value, ScalarType type, BigInteger count)
    {
        if (count.Sign < 0 || count >= type.Bits)
        {
            throw new SourceException(binary.Span, $"shift count {count} is negative or not below the width {type.Bits} of {type} in a constant expression");
        }

        if (binary.Op == BinaryOp.ShiftRight)
        {
            return (value >> (int)count, type);
        }

        if (type.Kind == TypeKind.Signed && value.Sign < 0)
        {
            throw new SourceException(binary.Span, "left shift of a negative value in a constant expression");
        }

        return Checked(value << (int)count, type, binary.Span);
    }

    private static (BigInteger, ScalarType) Checked(BigInteger value, ScalarType type, SourceSpan span)
    {
        if (type.Kind == TypeKind.Signed && !CTypeRules.Fits(value, type))
        {
            throw new SourceException(span, $"integer overflow in a constant expression of type {type}");
        }

        return (CTypeRules.Convert(value, type), type);
    }
}
