import type { Generated } from 'kysely';
import type { MentorField, MentorIndustry, PairingStatus, SessionMode } from '@seedbed/contract';

export interface MentorsTable {
  id: Generated<string>;
  user_id: string | null;
  name: string;
  organisation: string;
  title: string;
  region_code: string;
  fields: MentorField[];
  industries: MentorIndustry[];
  availability: string;
  yearly_sessions: number;
  bio: string;
  created_by: string;
  created_at: Date;
}
export interface MentorPairingsTable {
  id: Generated<string>;
  mentor_id: string;
  subject_id: string;
  requested_by: string;
  need: string;
  fields: MentorField[];
  score: number;
  terms: string;
  status: PairingStatus;
  decided_at: Date | null;
  decision_note: string | null;
  ended_at: Date | null;
  ended_by: string | null;
  end_reason: string | null;
  created_at: Date;
}
export interface MentorSessionsTable {
  id: Generated<string>;
  pairing_id: string;
  held_on: string;
  mode: SessionMode;
  place: string;
  mentor_record: string | null;
  mentor_confirmed_at: Date | null;
  founder_record: string | null;
  founder_confirmed_at: Date | null;
  booked_by: string;
  created_at: Date;
}
export interface MentorRatingsTable {
  pairing_id: string;
  side: 'founder' | 'mentor';
  stars: number;
  comment: string;
  rated_at: Date;
}
export interface MentorTables {
  mentors: MentorsTable;
  mentor_pairings: MentorPairingsTable;
  mentor_sessions: MentorSessionsTable;
  mentor_ratings: MentorRatingsTable;
}
