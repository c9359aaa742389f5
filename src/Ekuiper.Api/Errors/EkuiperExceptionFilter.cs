using Ekuiper.Application.Common.Exceptions;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Ekuiper.Api.Errors;

/// <summary>Turns the application's exceptions into eKuiper's error body and status code.</summary>
public sealed class EkuiperExceptionFilter(ILogger<EkuiperExceptionFilter> logger) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        (int status, ErrorBody body) = context.Exception switch
        {
            NotFoundException e => (StatusCodes.Status404NotFound, new ErrorBody(e.Code, e.Message)),
            StaleRevisionException e => (StatusCodes.Status412PreconditionFailed, new ErrorBody(e.Code, e.Message)),
            EkuiperException e => (StatusCodes.Status400BadRequest, new ErrorBody(e.Code, e.Message)),
            ValidationException e => (StatusCodes.Status400BadRequest,
                new ErrorBody(ErrorCodes.General, string.Join("; ", e.Errors.Select(x => x.ErrorMessage).Distinct()))),
            // A body over the size limit (413), or one the client broke off.
            BadHttpRequestException e => (e.StatusCode, new ErrorBody(ErrorCodes.General, e.Message)),
            OperationCanceledException when context.HttpContext.RequestAborted.IsCancellationRequested =>
                (StatusCodes.Status400BadRequest, new ErrorBody(ErrorCodes.General, "the request was cancelled")),
            _ => (StatusCodes.Status500InternalServerError, new ErrorBody(ErrorCodes.General, "internal error: " + context.Exception.Message)),
        };
        if (status >= 500)
        {
            logger.LogError(context.Exception, "Unhandled error for {Path}", context.HttpContext.Request.Path);
        }
        context.Result = new ObjectResult(body) { StatusCode = status };
        context.ExceptionHandled = true;
    }
}
