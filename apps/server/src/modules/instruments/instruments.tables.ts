/** Rows of the instruments module's tables as the repository reads them (raw SQL, typed here). */
export interface InstrumentRow {
  id: string;
  organisation_id: string;
  owner_name: string;
  name: string;
  model: string;
  maker: string;
  category: string;
  location: string;
  region_code: string;
  region_name: string;
  original_value_fen: string | number;
  specifications: string;
  services: { name: string; sampleRequirements: string; pricePerSampleFen: number; internalPricePerSampleFen: number }[];
  internal_rate_fen: number;
  external_rate_fen: number;
  opening_hours: ({ open: number; close: number } | null)[];
  min_minutes: number;
  max_minutes: number;
  cancel_cutoff_hours: number;
  cancel_fee_fen: number;
  no_show_fee_fen: number;
  max_future_bookings: number;
  approval_required: boolean;
  operation: 'self' | 'staff';
  qualification: string;
}

export interface ClosureRow {
  instrument_id: string;
  from_day: string;
  to_day: string;
  reason: string;
}

export interface BookingRow {
  id: string;
  instrument_id: string;
  instrument_name: string;
  organisation_id: string;
  owner_name: string;
  operation: 'self' | 'staff';
  user_id: string;
  booked_by: string;
  subject_id: string | null;
  subject_name: string | null;
  during: string;
  status: 'requested' | 'confirmed' | 'completed' | 'no_show' | 'cancelled' | 'rejected';
  external: boolean;
  rate_fen: number;
  estimate_fen: string | number;
  purpose: string;
  voucher_id: string | null;
  voucher_order_id: string | null;
  actual_start: Date | null;
  actual_end: Date | null;
  bill_fen: string | number | null;
  fee_fen: string | number | null;
  reason: string | null;
}

export interface QualificationRow {
  instrument_id: string;
  instrument_name: string;
  user_id: string;
  user_name: string;
  statement: string;
  status: 'declared' | 'confirmed';
}

export interface TestRequestRow {
  id: string;
  instrument_id: string;
  instrument_name: string;
  organisation_id: string;
  owner_name: string;
  service_name: string;
  user_id: string;
  requested_by: string;
  subject_id: string | null;
  subject_name: string | null;
  samples: number;
  note: string;
  status: 'requested' | 'accepted' | 'declined' | 'cancelled' | 'completed';
  external: boolean;
  price_per_sample_fen: number;
  estimate_fen: string | number;
  voucher_id: string | null;
  voucher_order_id: string | null;
  samples_tested: number | null;
  bill_fen: string | number | null;
  report_file_id: string | null;
  reason: string | null;
  created_at: Date;
  completed_at: Date | null;
}

export interface PhotoRow {
  instrument_id: string;
  file_id: string;
  name: string;
}
