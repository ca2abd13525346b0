/** A real place (Makati, Metro Manila) so the address rules pass. */
export const ADDRESS = {
  recipientName: 'Juan dela Cruz',
  phone: '09171234567',
  line1: '123 Ayala Ave.',
  barangay: 'Bel-Air',
  city: 'Makati City',
  province: 'Metro Manila',
  postalCode: '1209',
};
