import type { Generated } from 'kysely';
import type { CourseKind, EnrolmentStatus, FollowUpOutcome } from '@seedbed/contract';

export interface TrainingCoursesTable {
  id: Generated<string>;
  organisation_id: string;
  title: string;
  kind: CourseKind;
  region_code: string;
  place: string;
  online: boolean;
  capacity: number;
  enrolled: Generated<number>;
  item_id: string;
  subsidy_fen: number;
  completed_at: Date | null;
  created_by: string;
  created_at: Date;
}
export interface TrainingSessionsTable {
  id: Generated<string>;
  course_id: string;
  held_on: string;
  hours: number;
  topic: string;
}
export interface TrainingEnrolmentsTable {
  id: Generated<string>;
  course_id: string;
  subject_id: string;
  user_id: string;
  status: EnrolmentStatus;
  enrolled_at: Date;
  completed_on: string | null;
  withdrawn_at: Generated<Date | null>;
}
export interface TrainingAttendanceTable {
  session_id: string;
  enrolment_id: string;
  present: boolean;
  recorded_by: string;
  recorded_at: Date;
}
export interface TrainingFollowUpsTable {
  enrolment_id: string;
  due_on: string;
  outcome: FollowUpOutcome | null;
  note: Generated<string>;
  recorded_by: string | null;
  recorded_at: Date | null;
}
export interface TrainingTables {
  training_courses: TrainingCoursesTable;
  training_sessions: TrainingSessionsTable;
  training_enrolments: TrainingEnrolmentsTable;
  training_attendance: TrainingAttendanceTable;
  training_follow_ups: TrainingFollowUpsTable;
}
