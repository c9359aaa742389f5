namespace Ekuiper.Application.Common.Exceptions;

/// <summary>eKuiper's error codes, sent as "error" in the error body.</summary>
public static class ErrorCodes
{
    public const int General = 1000;
    public const int NotFound = 1002;

    /// <summary>eKuiper's StreamTableError: what its stream processor refuses (create, replace, describe).</summary>
    public const int StreamTable = 3000;

    /// <summary>eKuiper's ConfKeyError: what its conf key store refuses (a source or sink key it cannot read).</summary>
    public const int ConfKey = 5000;
}

/// <summary>A failure the caller caused; it reaches the client as {"error":code,"message":…}.</summary>
public abstract class EkuiperException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}

/// <summary>The request cannot be carried out as given: bad input, a refused entry, a name in use.</summary>
public sealed class InvalidRequestException(string message) : EkuiperException(ErrorCodes.General, message);

/// <summary>A stream or table statement eKuiper's stream processor refuses: 400 with code 3000.</summary>
public sealed class StreamTableException(string message) : EkuiperException(ErrorCodes.StreamTable, message);

/// <summary>A conf key eKuiper's conf key store refuses: 400 with code 5000.</summary>
public sealed class ConfKeyException(string message) : EkuiperException(ErrorCodes.ConfKey, message);

/// <summary>The named resource does not exist (only where eKuiper's error is NOT_FOUND: 404, code 1002).</summary>
public sealed class NotFoundException(string message) : EkuiperException(ErrorCodes.NotFound, message);

/// <summary>A URI could not be read; the message is worded as eKuiper's "fail to download file …".</summary>
public sealed class FetchFailedException(string uri, string reason)
    : EkuiperException(ErrorCodes.General, $"fail to download file {uri}: {reason}");
