using Hyperfleet.Contracts.Hypervisors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hyperfleet.Server.Data;

/// <summary>
/// The model shared by both providers. Each provider has its own subclass so that each keeps its own
/// migrations (SQLite and PostgreSQL DDL differ).
/// </summary>
public abstract class HyperfleetDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Hypervisor> Hypervisors => Set<Hypervisor>();
    public DbSet<HypervisorEvent> HypervisorEvents => Set<HypervisorEvent>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<HypervisorCredential> HypervisorCredentials => Set<HypervisorCredential>();
    public DbSet<EnrollmentToken> EnrollmentTokens => Set<EnrollmentToken>();
    public DbSet<StoragePool> StoragePools => Set<StoragePool>();
    public DbSet<StoragePoolHypervisor> StoragePoolHypervisors => Set<StoragePoolHypervisor>();
    public DbSet<Template> Templates => Set<Template>();
    public DbSet<Desktop> Desktops => Set<Desktop>();
    public DbSet<DiskTask> DiskTasks => Set<DiskTask>();
    public DbSet<ViewerSession> ViewerSessions => Set<ViewerSession>();
    public DbSet<IssuedCertificate> IssuedCertificates => Set<IssuedCertificate>();
    public DbSet<VpnNode> VpnNodes => Set<VpnNode>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureHypervisor(modelBuilder.Entity<Hypervisor>());
        ConfigureEvent(modelBuilder.Entity<HypervisorEvent>());
        ConfigurePools(modelBuilder);
        ConfigureTemplate(modelBuilder.Entity<Template>());
        ConfigureDesktop(modelBuilder.Entity<Desktop>());
        ConfigureDiskTask(modelBuilder.Entity<DiskTask>());
        ConfigureViewerSession(modelBuilder.Entity<ViewerSession>());
        ConfigureIssuedCertificate(modelBuilder.Entity<IssuedCertificate>());

        modelBuilder.Entity<User>(user =>
        {
            user.Property(u => u.Username).HasMaxLength(64);
            user.HasIndex(u => u.Username).IsUnique();
            user.Property(u => u.Role).HasMaxLength(16);
        });
        modelBuilder.Entity<ApiToken>(token =>
        {
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<HypervisorCredential>(credential =>
        {
            credential.Property(c => c.HypervisorId).HasMaxLength(63);
            credential.Property(c => c.TokenHash).HasMaxLength(64);
            credential.Property(c => c.CreatedBy).HasMaxLength(64);
            credential.HasIndex(c => c.TokenHash).IsUnique();
            credential.HasIndex(c => c.HypervisorId).IsUnique();
            credential.HasOne<Hypervisor>().WithMany().HasForeignKey(c => c.HypervisorId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EnrollmentToken>(token =>
        {
            token.Property(t => t.Id).HasMaxLength(6);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.Property(t => t.Description).HasMaxLength(1024);
            token.Property(t => t.HypervisorId).HasMaxLength(63);
            token.Property(t => t.CreatedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<VpnNode>(node =>
        {
            node.Property(n => n.Id).HasMaxLength(63);
            node.Property(n => n.PublicKey).HasMaxLength(44);
            node.Property(n => n.Endpoint).HasMaxLength(64);
            node.Property(n => n.OverlayAddress).HasMaxLength(45);
            node.Property(n => n.UnderlayAddress).HasMaxLength(45);
            node.Property(n => n.Network).HasMaxLength(64);
        });

        SnakeCaseNames.Apply(modelBuilder);
    }

    private static void ConfigureHypervisor(EntityTypeBuilder<Hypervisor> hypervisor)
    {
        hypervisor.HasKey(h => h.Id);
        hypervisor.Property(h => h.Id).HasMaxLength(63);
        hypervisor.Property(h => h.Hostname).HasMaxLength(255);
        hypervisor.Property(h => h.SshUser).HasMaxLength(32);
        hypervisor.Property(h => h.Description).HasMaxLength(1024);
        hypervisor.Property(h => h.Flavour).HasConversion(
            f => WireNames.Of(f),
            s => s == "hypervisor" ? HypervisorFlavour.Hypervisor : HypervisorFlavour.HypervisorStandalone).HasMaxLength(32);
        hypervisor.Property(h => h.VpnTunnelingMode).HasConversion(
            m => WireNames.Of(m),
            s => s == "geneve" ? VpnTunnelingMode.Geneve : VpnTunnelingMode.WireguardGeneve).HasMaxLength(32);
        hypervisor.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        hypervisor.Property(h => h.StatusReason).HasMaxLength(64);
        hypervisor.Property(h => h.AgentVersion).HasMaxLength(64);
        hypervisor.Property(h => h.AgentState).HasMaxLength(16);
        hypervisor.Property(h => h.Version).IsConcurrencyToken();
        hypervisor.Property(h => h.VpnAddress).HasMaxLength(45);
        hypervisor.Property(h => h.WgPublicKey).HasMaxLength(44);
        hypervisor.Property(h => h.TunnelStatus).HasMaxLength(16);
        hypervisor.Property(h => h.TunnelReason).HasMaxLength(64);
        hypervisor.Property(h => h.TunnelDetail).HasMaxLength(1024);
        hypervisor.Property(h => h.VpnApplied).HasMaxLength(256);
        hypervisor.Property(h => h.VlanTrunk).HasMaxLength(15);
        hypervisor.Property(h => h.Vlans).HasMaxLength(20_000);
        hypervisor.HasIndex(h => h.Hostname);
        // Two registrations racing for the first free overlay address: one of them retries.
        hypervisor.HasIndex(h => h.VpnAddress).IsUnique();
        // One key is one peer: a cloned host's key must not take another's tunnel.
        hypervisor.HasIndex(h => h.WgPublicKey).IsUnique();
    }

    private static void ConfigureEvent(EntityTypeBuilder<HypervisorEvent> evt)
    {
        evt.Property(e => e.HypervisorId).HasMaxLength(63);
        evt.Property(e => e.Actor).HasMaxLength(64);
        evt.Property(e => e.Kind).HasMaxLength(32);
        evt.Property(e => e.Reason).HasMaxLength(64);
        evt.HasIndex(e => new { e.HypervisorId, e.Id });
    }

    private static void ConfigurePools(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoragePool>(pool =>
        {
            pool.HasKey(p => p.Id);
            pool.Property(p => p.Id).HasMaxLength(63);
            pool.Property(p => p.Name).HasMaxLength(255);
            pool.Property(p => p.Mountpoint).HasMaxLength(1024);
            pool.Property(p => p.BasesPath).HasMaxLength(1024);
            pool.Property(p => p.TemplatesPath).HasMaxLength(1024);
            pool.Property(p => p.GroupsPath).HasMaxLength(1024);
            pool.Property(p => p.MediaPath).HasMaxLength(1024);
            pool.Property(p => p.VolatilePath).HasMaxLength(1024);
            pool.HasMany(p => p.Hypervisors).WithOne().HasForeignKey(h => h.PoolId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<StoragePoolHypervisor>(reach =>
        {
            reach.HasKey(r => new { r.PoolId, r.HypervisorId });
            reach.Property(r => r.PoolId).HasMaxLength(63);
            reach.Property(r => r.HypervisorId).HasMaxLength(63);
            reach.HasOne<Hypervisor>().WithMany().HasForeignKey(r => r.HypervisorId).OnDelete(DeleteBehavior.Cascade);
            reach.HasIndex(r => r.HypervisorId);
        });
    }

    private static void ConfigureTemplate(EntityTypeBuilder<Template> template)
    {
        template.HasKey(t => t.Id);
        template.Property(t => t.Id).HasMaxLength(63);
        template.Property(t => t.Name).HasMaxLength(255);
        template.Property(t => t.Kind).HasMaxLength(16);
        template.Property(t => t.DiskPath).HasMaxLength(1024);
        template.Property(t => t.ParentId).HasMaxLength(63);
        template.Property(t => t.PoolId).HasMaxLength(63);
        template.Property(t => t.Status).HasMaxLength(16);
        template.Property(t => t.Version).IsConcurrencyToken();
        template.HasOne<Template>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        template.HasOne<StoragePool>().WithMany().HasForeignKey(t => t.PoolId).OnDelete(DeleteBehavior.Restrict);
    }

    private static void ConfigureDesktop(EntityTypeBuilder<Desktop> desktop)
    {
        desktop.HasKey(d => d.Id);
        desktop.Property(d => d.Id).HasMaxLength(63);
        desktop.Property(d => d.Name).HasMaxLength(255);
        desktop.Property(d => d.Owner).HasMaxLength(64);
        desktop.Property(d => d.TemplateId).HasMaxLength(63);
        desktop.Property(d => d.PoolId).HasMaxLength(63);
        desktop.Property(d => d.DiskPath).HasMaxLength(1024);
        desktop.Property(d => d.Status).HasMaxLength(16);
        desktop.Property(d => d.HypervisorId).HasMaxLength(63);
        desktop.Property(d => d.ForcedHypervisorId).HasMaxLength(63);
        desktop.Property(d => d.FavouriteHypervisorId).HasMaxLength(63);
        desktop.Property(d => d.Version).IsConcurrencyToken();
        desktop.HasOne<Template>().WithMany().HasForeignKey(d => d.TemplateId).OnDelete(DeleteBehavior.Restrict);
        desktop.HasOne<StoragePool>().WithMany().HasForeignKey(d => d.PoolId).OnDelete(DeleteBehavior.Restrict);
        desktop.HasIndex(d => d.HypervisorId);
        desktop.HasIndex(d => d.Status);
    }

    private static void ConfigureDiskTask(EntityTypeBuilder<DiskTask> task)
    {
        task.Property(t => t.Kind).HasMaxLength(32);
        task.Property(t => t.PoolId).HasMaxLength(63);
        task.Property(t => t.Status).HasMaxLength(16);
        task.Property(t => t.OwnerKind).HasMaxLength(16);
        task.Property(t => t.OwnerId).HasMaxLength(63);
        task.Property(t => t.HypervisorId).HasMaxLength(63);
        task.Property(t => t.ClaimedBy).HasMaxLength(128);
        task.HasIndex(t => new { t.Status, t.NotBefore });
        task.HasIndex(t => new { t.OwnerKind, t.OwnerId });
    }

    private static void ConfigureViewerSession(EntityTypeBuilder<ViewerSession> session)
    {
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).HasMaxLength(64);
        session.Property(s => s.Username).HasMaxLength(64);
        session.Property(s => s.DesktopId).HasMaxLength(63);
        session.Property(s => s.HypervisorId).HasMaxLength(63);
        session.Property(s => s.Protocol).HasMaxLength(16);
        session.Property(s => s.Proxy).HasMaxLength(63);
        session.Property(s => s.Status).HasMaxLength(16);
        session.Property(s => s.ClientAddress).HasMaxLength(64);
        session.Property(s => s.EndReason).HasMaxLength(64);
        session.Property(s => s.CutReason).HasMaxLength(64);
        // Sessions outlive their desktop (the audit trail), so no foreign key to desktops.
        session.HasIndex(s => new { s.Status, s.Proxy });
        session.HasIndex(s => s.DesktopId);
    }

    private static void ConfigureIssuedCertificate(EntityTypeBuilder<IssuedCertificate> certificate)
    {
        certificate.HasKey(c => c.Serial);
        certificate.Property(c => c.Serial).HasMaxLength(64);
        certificate.Property(c => c.Kind).HasMaxLength(16);
        certificate.Property(c => c.Subject).HasMaxLength(255);
        certificate.Property(c => c.HypervisorId).HasMaxLength(63);
        certificate.Property(c => c.SubjectAltNames).HasMaxLength(2048);
        certificate.Property(c => c.SpkiSha256).HasMaxLength(80);
        certificate.HasIndex(c => c.NotAfter);
    }
}
