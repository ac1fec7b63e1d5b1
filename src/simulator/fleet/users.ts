import type { SimUser } from './types.js';
import type { SeededRandom } from './random.js';

// Names are ASCII on purpose: logins and e-mail local parts are derived from them without transliteration.
const FIRST_NAMES: readonly string[] = [
  'James',
  'Mary',
  'John',
  'Patricia',
  'Robert',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Susan',
  'Richard',
  'Jessica',
  'Thomas',
  'Sarah',
  'Daniel',
  'Karen',
  'Oliver',
  'Emma',
  'Lukas',
  'Sophie',
  'Hugo',
  'Chloe',
  'Matteo',
  'Giulia',
  'Lars',
  'Astrid',
  'Pablo',
  'Lucia',
  'Pedro',
  'Ana',
  'Diego',
  'Camila',
  'Hiroshi',
  'Yuki',
  'Arjun',
  'Priya',
  'Wei',
  'Mei',
  'Noah',
  'Olivia',
  'Liam',
  'Ava',
  'Ethan',
  'Isla',
  'Finn',
  'Freya',
  'Raj',
  'Ananya',
];

const LAST_NAMES: readonly string[] = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Martin',
  'Jackson',
  'Clark',
  'Lewis',
  'Walker',
  'Hall',
  'Young',
  'King',
  'Mueller',
  'Schmidt',
  'Fischer',
  'Weber',
  'Dubois',
  'Moreau',
  'Laurent',
  'Jansen',
  'DeVries',
  'Bakker',
  'Garcia',
  'Martinez',
  'Lopez',
  'Rossi',
  'Russo',
  'Bianchi',
  'Johansson',
  'Lindqvist',
  'Silva',
  'Santos',
  'Tanaka',
  'Suzuki',
  'Sato',
  'Nguyen',
  'Tan',
  'Lim',
  'Patel',
  'Sharma',
  'Kumar',
  'OBrien',
];

const EMAIL_DOMAINS: readonly string[] = ['example.com', 'corp.example.com', 'sales.example.com'];

const LOCAL_SHARE = 0.3;

/**
 * Generates `count` users. The index suffix makes `userId` and e-mail unique without a lookup table,
 * which keeps generation linear for 100k-device worlds.
 */
export function generateUsers(rng: SeededRandom, count: number): SimUser[] {
  const users: SimUser[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const userId = `${firstName[0]}${lastName}${i + 1}`.toLowerCase();
    const local = rng.chance(LOCAL_SHARE);
    users.push({
      uuid: rng.uuid(),
      userId,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      email: `${firstName}.${lastName}${i + 1}@${rng.pick(EMAIL_DOMAINS)}`.toLowerCase(),
      source: local ? 'LOCAL' : 'LDAP',
      samAccountName: local ? null : userId,
      distinguishedName: local ? null : `cn=${userId},ou=users,dc=example,dc=com`,
    });
  }
  return users;
}
