using Acornima;
using Acornima.Ast;
using Ekuiper.Application.Common.Interfaces;
using Jint;
using Jint.Native.Function;
using Jint.Runtime;

namespace Ekuiper.Infrastructure.Scripts;

/// <summary>
/// Compiles a script with Jint and runs its top level once, as eKuiper does with goja, then looks for the function the
/// script must define. The run is bounded (statements, memory, recursion, time) and has no access to .NET.
/// </summary>
public sealed class JintScriptCompiler : IScriptCompiler
{
    public string? Check(string functionName, string source)
    {
        Prepared<Script> prepared;
        try
        {
            prepared = Engine.PrepareScript(source, source: functionName);
        }
        catch (ScriptPreparationException e) when (e.InnerException is ParseErrorException parse)
        {
            // Acornima counts columns from 0; people (and Jint's own message) count from 1.
            return $"failed to interprete script: SyntaxError: {parse.Description} at line {parse.LineNumber}, column {parse.Column + 1}";
        }
        catch (ScriptPreparationException e) when (e.InnerException is InsufficientExecutionStackException)
        {
            // The parser recurses per nesting level and stops, rather than overflow the stack, on absurd nesting.
            return "failed to interprete script: SyntaxError: the script nests too deeply to be parsed";
        }

        var engine = new Engine(options => options
            .TimeoutInterval(TimeSpan.FromSeconds(5))
            .MaxStatements(100_000)
            .LimitMemory(64L * 1024 * 1024)
            .LimitRecursion(256));
        try
        {
            engine.Execute(prepared);
        }
        catch (JavaScriptException e)
        {
            return $"failed to interprete script: {e.Error}";
        }
        catch (Exception e) when (e is JintException or TimeoutException)
        {
            return $"failed to interprete script: {e.Message}";
        }
        catch (InsufficientExecutionStackException)
        {
            return "failed to interprete script: the script nests too deeply to run";
        }
        return engine.GetValue(functionName) is Function ? null : $"cannot find function \"{functionName}\" in script";
    }
}
