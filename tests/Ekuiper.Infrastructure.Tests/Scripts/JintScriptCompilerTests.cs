using Ekuiper.Infrastructure.Scripts;

namespace Ekuiper.Infrastructure.Tests.Scripts;

public sealed class JintScriptCompilerTests
{
    private readonly JintScriptCompiler _compiler = new();

    [TestCase("function area(x, y) { return x * y; }")]
    [TestCase("var area = function (x, y) { return x * y; };")]
    [TestCase("function helper(x) { return x; }\nfunction area(x, y) { return helper(x) * y; }")]
    public void A_script_that_defines_its_function_compiles(string script)
    {
        Assert.That(_compiler.Check("area", script), Is.Null);
    }

    [Test]
    public void A_script_nested_too_deeply_is_refused_not_a_crash()
    {
        var script = "function area(){ return " + new string('(', 20000) + "1" + new string(')', 20000) + "; }";

        Assert.That(_compiler.Check("area", script), Is.EqualTo("failed to interprete script: SyntaxError: the script nests too deeply to be parsed"));
    }

    [Test]
    public void A_syntax_error_names_its_line_and_column()
    {
        var error = _compiler.Check("area", "// area of a rectangle\nfunction area(x, y) {\n  return x * ;\n}");

        Assert.That(error, Is.EqualTo("failed to interprete script: SyntaxError: Unexpected token ';' at line 3, column 14"));
    }

    [Test]
    public void A_script_without_its_function_is_refused()
    {
        Assert.That(_compiler.Check("area", "function size(x) { return x; }"), Is.EqualTo("cannot find function \"area\" in script"));
    }

    [Test]
    public void A_script_that_never_ends_is_stopped()
    {
        Assert.That(_compiler.Check("area", "while (true) {}\nfunction area() {}"), Does.StartWith("failed to interprete script: "));
    }

    [Test]
    public void A_script_cannot_reach_dotnet()
    {
        Assert.That(_compiler.Check("area", "var f = System.IO.File; function area() {}"),
            Is.EqualTo("failed to interprete script: ReferenceError: System is not defined"));
    }
}
