using System.Diagnostics;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.DataImport;
using Ekuiper.Application.DataImport.Commands.ImportRuleset;
using Ekuiper.Application.Store;
using FluentValidation;
using MediatR;

namespace Ekuiper.Application.Common.Behaviours;

/// <summary>
/// Around every <see cref="ImportRuleset"/> — POST /data/import, /v2/data/import, /ruleset/import and the one each
/// background task's job sends — outside validation and the store write, so it sees how the import ended once its
/// transaction committed or rolled back, and tells <see cref="ImportObserver"/> (metrics and the warning log).
/// </summary>
public sealed class ImportOutcomeBehaviour<TRequest, TResponse>(ImportObserver observer) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ImportRuleset import)
        {
            return await next();
        }
        var run = ImportRun.Of(import);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            observer.Answered(run, (ImportRulesetResult)(object)response!, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception e) when (e is OperationCanceledException or TaskNoLongerOwnedException)
        {
            observer.Cancelled(run, Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch (EkuiperException e)
        {
            observer.Refused(run, e.Message, Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch (ValidationException e)
        {
            observer.Refused(run, FailureMessages.Of(e), Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch
        {
            observer.Errored(run, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }
}
