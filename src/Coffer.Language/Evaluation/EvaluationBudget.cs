namespace Coffer.Language.Evaluation;

/// <summary>Counts the values and text one evaluation builds, against <see cref="EvaluationLimits"/>.</summary>
internal sealed class EvaluationBudget(EvaluationLimits limits)
{
    private long _values;

    public EvaluationLimits Limits { get; } = limits;

    /// <summary>
    /// Accounts for <paramref name="count"/> new values, all or nothing: throws, without counting them,
    /// when they would pass the limit.
    /// </summary>
    public void TakeValues(long count)
    {
        if (_values + count > Limits.MaxValues)
        {
            throw new LimitExceededException($"the evaluation builds more than {Limits.MaxValues} values");
        }
        _values += count;
    }

    /// <summary>Throws when a string of <paramref name="length"/> characters is longer than allowed.</summary>
    public void CheckText(long length)
    {
        if (length > Limits.MaxStringLength)
        {
            throw new LimitExceededException($"the string is longer than the limit of {Limits.MaxStringLength} characters");
        }
    }
}

/// <summary>A limit of <see cref="EvaluationLimits"/> was hit; the message is the diagnostic.</summary>
internal sealed class LimitExceededException(string message) : Exception(message);
