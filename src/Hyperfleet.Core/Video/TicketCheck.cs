namespace Hyperfleet.Core.Video;

/// <summary>The outcome of checking a ticket: the ticket, or the stable code of why it was refused (<see cref="Contracts.Video.VideoProblemCodes"/>).</summary>
/// <param name="Ticket">The verified ticket; null when refused, except for an expired one (genuine, but too late).</param>
/// <param name="Refusal">Null when accepted.</param>
public readonly record struct TicketCheck(ViewerTicket? Ticket, string? Refusal)
{
    /// <summary>Whether the ticket was accepted.</summary>
    public bool Accepted => Refusal is null;

    /// <summary>An accepted check.</summary>
    public static TicketCheck Ok(ViewerTicket ticket) => new(ticket, null);

    /// <summary>A refused check.</summary>
    public static TicketCheck Refused(string code) => new(null, code);
}
