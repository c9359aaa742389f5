namespace Ekuiper.Application.Tests;

/// <summary>A fresh <see cref="ApplicationHarness"/> for each test, disposed after it.</summary>
public abstract class HarnessTest
{
    protected ApplicationHarness App { get; private set; } = null!;

    /// <summary>The harness of one test; override to register other settings.</summary>
    protected virtual ApplicationHarness CreateHarness() => new();

    [SetUp]
    public void StartHarness() => App = CreateHarness();

    [TearDown]
    public void StopHarness() => App.Dispose();
}
