using System.Globalization;
using System.Text;
using Ekuiper.Application.Common.Exceptions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Ekuiper.Api.Errors;

/// <summary>
/// The one place error answers are made: every exception a request throws (registered with AddExceptionHandler and
/// run by UseExceptionHandler), the status-code pages of routing misses (<see cref="WriteStatusCodePageAsync"/>) and
/// bodies that do not decode (<see cref="Result"/>) all get eKuiper's <see cref="ErrorBody"/> through
/// <see cref="WriteAsync"/>. Unexpected exceptions are logged and answered 500 "internal error" without their message.
/// </summary>
public sealed class EkuiperExceptionHandler(ILogger<EkuiperExceptionHandler> logger) : IExceptionHandler
{
    public const string InternalError = FailureMessages.InternalError;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            // Part of the answer (a streamed export) is already sent: an error body now would corrupt it. Aborting the
            // connection leaves the client with a visibly broken response instead.
            logger.LogError(exception, "Request {Method} {Path} failed after its response had started; aborting it",
                httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Abort();
            return true;
        }

        var (status, body) = Map(exception, httpContext);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }
        await WriteAsync(httpContext, status, body);
        return true;
    }

    /// <summary>
    /// For UseExceptionHandler: the middleware insists on a fallback besides the registered handlers. This handler
    /// answers every exception, so the fallback only guards against that changing: a bare 500 "internal error". A 404
    /// (NotFoundException) is a real answer here, not a misconfigured handler path.
    /// </summary>
    public static ExceptionHandlerOptions MiddlewareOptions() => new()
    {
        ExceptionHandler = context => WriteAsync(context, StatusCodes.Status500InternalServerError,
            For(StatusCodes.Status500InternalServerError, InternalError)),
        AllowStatusCode404Response = true,
    };

    /// <summary>The status and body for an exception: the one mapping of failures to eKuiper's answers.</summary>
    public static (int Status, ErrorBody Body) Map(Exception exception, HttpContext httpContext) => exception switch
    {
        NotFoundException e => (StatusCodes.Status404NotFound, new ErrorBody(e.Code, e.Message)),
        StaleRevisionException e => (StatusCodes.Status412PreconditionFailed, new ErrorBody(e.Code, e.Message)),
        EkuiperException e => (StatusCodes.Status400BadRequest, new ErrorBody(e.Code, e.Message)),
        ValidationException e => (StatusCodes.Status400BadRequest,
            new ErrorBody(ErrorCodes.General, FailureMessages.Of(e))),
        // A body over the size limit (413, RequestBodyLimitMiddleware or Kestrel), or one that is malformed.
        BadHttpRequestException e => (e.StatusCode, For(e.StatusCode, e.Message)),
        // PostgreSQL refuses U+0000 in any text, including ids taken from the path or query (SQLite finds no such row).
        _ when HoldsNulRefusal(exception) =>
            (StatusCodes.Status400BadRequest, new ErrorBody(ErrorCodes.General, NulRefused)),
        OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
            (StatusCodes.Status400BadRequest, new ErrorBody(ErrorCodes.General, "the request was cancelled")),
        // Never the exception's message: it may name files, SQL or other internals. It is in the log.
        _ => (StatusCodes.Status500InternalServerError, new ErrorBody(ErrorCodes.General, InternalError)),
    };

    private const string NulRefused = "the request holds U+0000 (a NUL character), which the store cannot keep";

    /// <summary>Whether the store refused a text for holding U+0000 (PostgreSQL: 22021, or 22P05 for JSON), at any depth.</summary>
    private static bool HoldsNulRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is System.Data.Common.DbException { SqlState: "22021" or "22P05" })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>eKuiper's body for a status: code 1002 for 404, 1000 for everything else.</summary>
    public static ErrorBody For(int status, string message) =>
        new(status == StatusCodes.Status404NotFound ? ErrorCodes.NotFound : ErrorCodes.General, message);

    /// <summary>
    /// Writes <paramref name="body"/> as the response, with <paramref name="status"/>, byte for byte as eKuiper's
    /// handleError writes it through Go's http.Error: <c>{"error":code,"message":"…"}</c> with the message quoted as Go
    /// quotes it (<see cref="GoQuotedString"/>), then a newline; Content-Type text/plain; charset=utf-8 and
    /// X-Content-Type-Options: nosniff.
    /// </summary>
    public static Task WriteAsync(HttpContext httpContext, int status, ErrorBody body)
    {
        var bytes = Encoding.UTF8.GetBytes(Text(body));
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = PlainText;
        response.Headers.XContentTypeOptions = "nosniff";
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, 0, bytes.Length, httpContext.RequestAborted);
    }

    /// <summary>What Go's http.Error sends as Content-Type.</summary>
    public const string PlainText = "text/plain; charset=utf-8";

    /// <summary>The exact text of an error answer, its trailing newline included.</summary>
    public static string Text(ErrorBody body) =>
        $"{{\"error\":{body.Error.ToString(CultureInfo.InvariantCulture)},\"message\":{GoQuotedString.Quote(body.Message)}}}\n";

    /// <summary>
    /// For UseStatusCodePages: a response that ends without a body (routing misses 404, 405, 415) gets eKuiper's body,
    /// "&lt;method&gt; &lt;path&gt;: &lt;reason phrase&gt;".
    /// </summary>
    public static Task WriteStatusCodePageAsync(HttpContext httpContext)
    {
        var status = httpContext.Response.StatusCode;
        return WriteAsync(httpContext, status,
            For(status, $"{httpContext.Request.Method} {httpContext.Request.Path}: {ReasonPhrases.GetReasonPhrase(status)}"));
    }

    /// <summary>An MVC result that answers with eKuiper's body (used where MVC wants a result, e.g. an invalid model state).</summary>
    public static IActionResult Result(int status, string message) => new ErrorResult(status, For(status, message));

    private sealed class ErrorResult(int status, ErrorBody body) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext, status, body);
    }
}
