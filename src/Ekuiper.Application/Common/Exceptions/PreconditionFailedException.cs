namespace Ekuiper.Application.Common.Exceptions;

/// <summary>The request's If-Match no longer names the store's revision (HTTP 412); nothing was changed.</summary>
public sealed class PreconditionFailedException(string message) : EkuiperException(ErrorCodes.General, message);
