using Ekuiper.Application.Store;

namespace Ekuiper.Application.Tests.DataImport;

public sealed class ImportGateTests
{
    private readonly ImportGate _gate = new();

    [Test]
    public void Turns_come_one_at_a_time_in_the_order_they_joined()
    {
        using var first = _gate.Join();
        using var second = _gate.Join();
        using var third = _gate.Join();
        var firstIn = first.WaitAsync(CancellationToken.None);
        var secondIn = second.WaitAsync(CancellationToken.None);
        var thirdIn = third.WaitAsync(CancellationToken.None);

        Assert.That(firstIn.IsCompletedSuccessfully, Is.True);
        Assert.That(secondIn.IsCompleted, Is.False);
        first.Dispose();
        Assert.That(SpinUntil(secondIn), Is.True);
        Assert.That(thirdIn.IsCompleted, Is.False);
        second.Dispose();
        Assert.That(SpinUntil(thirdIn), Is.True);
    }

    [Test]
    public void A_turn_whose_wait_is_cancelled_leaves_the_line()
    {
        using var running = _gate.Join();
        var impatient = _gate.Join();
        using var patient = _gate.Join();
        using var cancel = new CancellationTokenSource();
        var impatientIn = impatient.WaitAsync(cancel.Token);
        var patientIn = patient.WaitAsync(CancellationToken.None);

        cancel.Cancel();
        Assert.That(() => impatientIn, Throws.InstanceOf<OperationCanceledException>());
        impatient.Dispose();
        running.Dispose();

        Assert.That(SpinUntil(patientIn), Is.True);
    }

    /// <summary>Continuations run asynchronously, so an admitted turn's task completes just after Dispose returns.</summary>
    private static bool SpinUntil(Task task) => task.Wait(TimeSpan.FromSeconds(30));
}
