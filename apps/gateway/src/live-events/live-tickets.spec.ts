import type { AuthenticatedUser } from '@rackeval/auth';
import { LiveTickets } from './live-tickets';

const user = (iat: number, exp: number): AuthenticatedUser => ({
  username: 'vic',
  subject: 'vic',
  issuer: 'rackeval-local',
  actorId: 'rackeval-local|vic',
  roles: ['viewer'],
  claims: { sub: 'vic', iat, exp },
});

describe('LiveTickets', () => {
  let now: number;
  let sut: LiveTickets;

  beforeEach(() => {
    now = 1_800_000_000_000;
    sut = new LiveTickets(30_000, 7200_000, () => now);
  });
  const seconds = () => Math.floor(now / 1000);

  it('grants a ticket once, carrying the user and when the token stops being valid', () => {
    const { ticket, expiresIn } = sut.issue(user(seconds(), seconds() + 3600));

    expect(expiresIn).toBe(30);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sut.redeem(ticket)).toEqual({ user: expect.objectContaining({ username: 'vic' }), tokenExpiresAt: now + 3600_000 });
    expect(sut.redeem(ticket)).toBeUndefined();
  });

  it('keeps the token it was bought with for a relayed stream, and gives it out once', () => {
    const { ticket } = sut.issue(user(seconds(), seconds() + 3600), 'header.payload.signature');

    expect(sut.redeem(ticket)?.token).toBe('header.payload.signature');
    expect(sut.redeem(ticket)).toBeUndefined();
  });

  it('refuses a ticket after its time', () => {
    const { ticket } = sut.issue(user(seconds(), seconds() + 3600));
    now += 30_000;

    expect(sut.redeem(ticket)).toBeUndefined();
  });

  it('does not outlive the token it was bought with', () => {
    const { ticket, expiresIn } = sut.issue(user(seconds(), seconds() + 10));

    expect(expiresIn).toBe(10);
    now += 10_000;
    expect(sut.redeem(ticket)).toBeUndefined();
  });

  it('ends the stream at the token maximum age when that comes before its expiry', () => {
    const { ticket } = sut.issue(user(seconds() - 7000, seconds() + 3600));

    expect(sut.redeem(ticket)?.tokenExpiresAt).toBe(now + 200_000);
  });

  it('knows nothing of tickets it did not issue', () => {
    expect(sut.redeem('made-up')).toBeUndefined();
    expect(sut.redeem('__proto__')).toBeUndefined();
  });

  it('issues a different ticket every time', () => {
    const tickets = new Set(Array.from({ length: 50 }, () => sut.issue(user(seconds(), seconds() + 60)).ticket));

    expect(tickets.size).toBe(50);
  });
});
