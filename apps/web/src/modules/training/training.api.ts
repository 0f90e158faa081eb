/** The training API (创业培训): courses, enrolment, attendance, completion, certificates, follow-ups. */
import { useQuery } from '@tanstack/react-query';
import type { AttendanceBody, CourseBody, CoursePage, CourseSummary, FollowUp, FollowUpBody, MyEnrolment, RosterEntry, SubsidyItem } from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type { CoursePage, CourseSummary, FollowUp, MyEnrolment, RosterEntry };

const enc = encodeURIComponent;

export const useCourses = (f: { region?: string }) => useQuery({ queryKey: ['training', 'courses', f], queryFn: () => api.get<CourseSummary[]>(`/training/courses${query(f)}`) });
export const useCourse = (id: string) => useQuery({ queryKey: ['training', 'course', id], queryFn: () => api.get<CoursePage>(`/training/courses/${enc(id)}`) });
export const useMyCourses = () => useQuery({ queryKey: ['training', 'courses-mine'], queryFn: () => api.get<CourseSummary[]>('/training/courses-mine') });
export const useMyEnrolments = () => useQuery({ queryKey: ['training', 'mine'], queryFn: () => api.get<MyEnrolment[]>('/training/mine') });
export const useRoster = (id: string, enabled: boolean) => useQuery({ queryKey: ['training', 'roster', id], enabled, queryFn: () => api.get<RosterEntry[]>(`/training/courses/${enc(id)}/roster`) });
export const useSubsidyItems = () => useQuery({ queryKey: ['training', 'items'], queryFn: () => api.get<SubsidyItem[]>('/training/subsidy-items') });
export const useFollowUps = () => useQuery({ queryKey: ['training', 'follow-ups'], queryFn: () => api.get<FollowUp[]>('/training/follow-ups') });

export const openCourse = (body: CourseBody) => api.post<CoursePage>('/training/courses', body);
export const enrol = (id: string) => api.post<CoursePage>(`/training/courses/${enc(id)}/enrol`, {});
export const withdraw = (id: string) => api.post<CoursePage>(`/training/courses/${enc(id)}/withdraw`, {});
export const recordAttendance = (id: string, sessionId: string, body: AttendanceBody) => api.put<RosterEntry[]>(`/training/courses/${enc(id)}/sessions/${enc(sessionId)}/attendance`, body);
export const completeCourse = (id: string) => api.post<RosterEntry[]>(`/training/courses/${enc(id)}/complete`, {});
export const answerFollowUp = (enrolmentId: string, body: FollowUpBody) => api.put<FollowUp[]>(`/training/follow-ups/${enc(enrolmentId)}`, body);
/** The certificate's address (a plain link: the browser downloads it with the session cookie). */
export const certificateHref = (enrolmentId: string) => `/api/v1/training/enrolments/${enrolmentId}/certificate.pdf`;
