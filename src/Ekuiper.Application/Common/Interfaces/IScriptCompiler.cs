namespace Ekuiper.Application.Common.Interfaces;

/// <summary>Compiles the JavaScript of a scripts entry.</summary>
public interface IScriptCompiler
{
    /// <returns>null when <paramref name="source"/> compiles and defines a function named <paramref name="functionName"/>; else why not.</returns>
    string? Check(string functionName, string source);
}
