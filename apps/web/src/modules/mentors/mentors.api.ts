/** The mentors' API (创业导师): the library, suggestions, pairings, sessions, ratings, commitments. */
import { useQuery } from '@tanstack/react-query';
import type { Commitment, DecideBody, EndBody, ManagedMentor, Mentor, MentorBody, MentorRateBody, NeedBody, Pairing, PairingBody, SessionBookBody, SessionConfirmBody, Suggestion } from '@seedbed/contract';
import { api } from '../../app/api-client';

export type { Commitment, ManagedMentor, Mentor, Pairing, Suggestion };
const enc = encodeURIComponent;

export const useMentors = () => useQuery({ queryKey: ['mentors', 'library'], queryFn: () => api.get<Mentor[]>('/mentors') });
export const usePairings = () => useQuery({ queryKey: ['mentors', 'pairings'], queryFn: () => api.get<Pairing[]>('/mentor-pairings') });
export const useCommitments = (year: number) => useQuery({ queryKey: ['mentors', 'commitments', year], queryFn: () => api.get<Commitment[]>(`/mentors/commitments/${year}`) });

export const useManagedMentors = () => useQuery({ queryKey: ['mentors', 'managed'], queryFn: () => api.get<ManagedMentor[]>('/mentors/managed') });

export const addMentor = (body: MentorBody) => api.post<Mentor>('/mentors', body);
export const updateMentor = (id: string, body: MentorBody) => api.put<ManagedMentor>(`/mentors/${enc(id)}`, body);
export const suggest = (body: NeedBody) => api.post<Suggestion[]>('/mentors/suggestions', body);
export const requestMentor = (body: PairingBody) => api.post<Pairing>('/mentor-pairings', body);
export const decide = (id: string, body: DecideBody) => api.post<Pairing>(`/mentor-pairings/${enc(id)}/decision`, body);
export const bookSession = (id: string, body: SessionBookBody) => api.post<Pairing>(`/mentor-pairings/${enc(id)}/sessions`, body);
export const confirmSession = (id: string, sessionId: string, body: SessionConfirmBody) => api.post<Pairing>(`/mentor-pairings/${enc(id)}/sessions/${enc(sessionId)}/confirm`, body);
export const rate = (id: string, body: MentorRateBody) => api.post<Pairing>(`/mentor-pairings/${enc(id)}/rating`, body);
export const endPairing = (id: string, body: EndBody) => api.post<Pairing>(`/mentor-pairings/${enc(id)}/end`, body);
