-- Kinds of units the four seed campaigns use; more can be added as data.
INSERT INTO unit_levels (code, label, rank) VALUES
	('province', 'Tỉnh đoàn', 1),
	('district', 'Huyện, thị, thành đoàn và đoàn trực thuộc', 2),
	('grassroots', 'Đoàn cơ sở', 3),
	('branch', 'Chi đoàn', 4),
	('commune', 'Xã, phường', 3),
	('agency', 'Cơ quan, đơn vị', 3),
	('organisation', 'Tổ chức, đoàn thể', 3),
	('village', 'Bản', 4),
	('hamlet', 'Xóm, thôn', 4);
