namespace Hyperfleet.Core.Overlay;

/// <summary>A networking tool or daemon of the overlay failed; the message names the command and what it said.</summary>
public sealed class OverlayException(string message, Exception? inner = null) : Exception(message, inner);
