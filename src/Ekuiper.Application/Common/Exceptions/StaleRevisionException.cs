namespace Ekuiper.Application.Common.Exceptions;

/// <summary>The request's If-Match no longer names the store's revision (the store moved on since the caller read it); nothing was changed.</summary>
public sealed class StaleRevisionException(string message) : EkuiperException(ErrorCodes.General, message);
