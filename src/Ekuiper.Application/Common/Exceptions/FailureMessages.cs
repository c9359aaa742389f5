using FluentValidation;

namespace Ekuiper.Application.Common.Exceptions;

/// <summary>The words for failures, the same in HTTP answers and in background tasks' records.</summary>
public static class FailureMessages
{
    /// <summary>What an unexpected failure says: nothing of the exception, which may name files, SQL or other internals.</summary>
    public const string InternalError = "internal error";

    /// <summary>A request's validation failures, each said once, in order.</summary>
    public static string Of(ValidationException exception) =>
        string.Join("; ", exception.Errors.Select(x => x.ErrorMessage).Distinct());
}
