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
    public void A_reserved_place_comes_before_a_later_joiner_even_when_entered_after_it()
    {
        using var running = _gate.Join();
        _gate.Reserve("task-1", () => 0);
        using var sync = _gate.Join();
        using var reserved = _gate.Enter("task-1");
        var syncIn = sync.WaitAsync(CancellationToken.None);
        var reservedIn = reserved.WaitAsync(CancellationToken.None);

        running.Dispose();

        Assert.That(SpinUntil(reservedIn), Is.True);
        Assert.That(syncIn.IsCompleted, Is.False);
        reserved.Dispose();
        Assert.That(SpinUntil(syncIn), Is.True);
    }

    [Test]
    public void A_cancelled_reservation_gives_up_its_place()
    {
        using var running = _gate.Join();
        _gate.Reserve("task-1", () => 0);
        using var sync = _gate.Join();
        var syncIn = sync.WaitAsync(CancellationToken.None);

        _gate.CancelReservation("task-1");
        running.Dispose();

        Assert.That(SpinUntil(syncIn), Is.True);
    }

    [Test]
    public void Reserve_gives_the_place_back_when_queueing_the_job_fails()
    {
        using var running = _gate.Join();

        Assert.Throws<InvalidOperationException>(() => _gate.Reserve<int>("task-1", () => throw new InvalidOperationException("no storage")));
        using var sync = _gate.Join();
        var syncIn = sync.WaitAsync(CancellationToken.None);
        running.Dispose();

        Assert.That(SpinUntil(syncIn), Is.True);
        using var again = _gate.Enter("task-1");
        Assert.That(again.WaitAsync(CancellationToken.None).IsCompleted, Is.False, "no reservation is left behind: task-1 joins at the end");
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
