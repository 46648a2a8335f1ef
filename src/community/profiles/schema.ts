/** What a member chose to show on their profile; no row means the defaults (upvotes private). */
export interface ProfileSettingsTable {
  user_id: number
  upvotes_public: number
}

export type ProfileTables = { profile_settings: ProfileSettingsTable }
